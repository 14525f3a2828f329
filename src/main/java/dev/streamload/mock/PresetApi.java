package dev.streamload.mock;

import io.netty.handler.codec.http.FullHttpRequest;
import java.util.function.Supplier;

/**
 * The request side of one public streaming API the mock speaks (Anthropic Messages, OpenAI
 * Responses, Gemini, Dify, plain-text SSE, cumulative EventSource): the checks its real server
 * makes, its error body, and the dialect its stream is written in.
 */
interface PresetApi {

  /** The group the mock counts this API's requests in. */
  MockEndpoint endpoint();

  /**
   * The JSON error body the real API sends with an error status, for the mock's own rejections and
   * for the HTTP status faults.
   *
   * @param status the HTTP status, e.g. 429
   * @param message the human-readable message
   */
  Object errorBody(int status, String message);

  /**
   * Checks a stream request the way the real API does.
   *
   * @return makes the stream's dialect once no fault has answered the request instead (so that side
   *     effects such as a new conversation happen only for a stream)
   * @throws Rejection when the real API would answer with an error status
   */
  Supplier<SseDialect> admit(FullHttpRequest request, MockChatServer.Shared shared)
      throws Rejection;

  /** An error answer in the API's own shape instead of a stream. */
  final class Rejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Object body;
    private final boolean badRequest;

    private Rejection(int status, Object body, String why, boolean badRequest) {
      super(why, null, false, false);
      this.status = status;
      this.body = body;
      this.badRequest = badRequest;
    }

    /** The request does not have the shape the API expects: a 400 the mock counts as bad. */
    static Rejection badRequest(PresetApi api, String message) {
      return new Rejection(400, api.errorBody(400, message), message, true);
    }

    /** A 400 with a body of the caller's choosing, counted as a bad request. */
    static Rejection badRequestWithBody(Object body, String message) {
      return new Rejection(400, body, message, true);
    }

    /** Another error status (401, 404, ...), not counted as a bad request. */
    static Rejection status(PresetApi api, int status, String message) {
      return new Rejection(status, api.errorBody(status, message), message, false);
    }

    /** Another error status with a body of the caller's choosing. */
    static Rejection status(int status, Object body, String message) {
      return new Rejection(status, body, message, false);
    }

    /** The HTTP status of the answer. */
    int status() {
      return status;
    }

    /** The JSON error body of the answer. */
    Object body() {
      return body;
    }

    /** Whether the mock counts it in {@code badRequests}. */
    boolean isBadRequest() {
      return badRequest;
    }
  }
}
