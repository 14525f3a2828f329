package dev.streamload.gatling;

import dev.streamload.stream.Termination;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a stream ended, read from what Gatling leaves behind: its crash message (if the stream
 * crashed), whether the session failed, and what our own hooks saw. Plain Java, so that the mapping
 * from Gatling's error texts to {@link Termination}s is unit tested.
 *
 * @param termination the end as the classifier understands it
 * @param status HTTP status when Gatling rejected the response for it, else -1
 * @param contentType content type when Gatling rejected the response for it, else null
 * @param detail Gatling's message (or ours), for traces and the report's errors table
 */
public record StreamEnd(Termination termination, int status, String contentType, String detail) {

  /** Gatling's text for an SSE response that is not 200. */
  private static final Pattern STATUS = Pattern.compile("response with code (\\d{3})");

  /** Gatling's text for a 200 response that is not text/event-stream. */
  private static final Pattern CONTENT_TYPE = Pattern.compile("response with content-type (.*)$");

  /**
   * Gatling's (abbreviated) exception names for a connection that never carried a response:
   * refused, unknown host, TLS failure ({@code SSLException}, {@code SSLHandshakeException}),
   * connect timeout.
   */
  private static final Pattern CONNECT_ERROR =
      Pattern.compile("ConnectException|UnknownHost|SSL\\w*Exception|ConnectTimeout");

  /** Prefix of the exception our replay guard throws from the request signer. */
  public static final String REPLAY_BLOCKED = "replay blocked";

  /**
   * Maps what is known after the SSE connect-and-await action to how the stream ended.
   *
   * @param sent the request was written at least once (our signer ran)
   * @param crashMessage Gatling's crash message, or null when the stream did not crash
   * @param sessionFailed the await sequences failed (timeout) without a crash
   * @param markerSeen our hook saw the end marker
   * @param textSeen our hook saw at least one text fragment
   */
  public static StreamEnd of(
      boolean sent,
      String crashMessage,
      boolean sessionFailed,
      boolean markerSeen,
      boolean textSeen) {
    if (markerSeen) {
      return new StreamEnd(Termination.END_MARKER_RECEIVED, -1, null, null);
    }
    if (crashMessage != null) {
      return fromCrash(sent, crashMessage);
    }
    if (!sent) {
      return new StreamEnd(Termination.CONNECT_FAILED, -1, null, "request was never sent");
    }
    if (sessionFailed) {
      return textSeen
          ? new StreamEnd(
              Termination.STREAM_TIMEOUT, -1, null, "no end marker within timeout.stream")
          : new StreamEnd(
              Termination.FIRST_FRAGMENT_TIMEOUT, -1, null, "no text within timeout.firstFragment");
    }
    return new StreamEnd(Termination.ABORTED, -1, null, "stream ended without a known cause");
  }

  private static StreamEnd fromCrash(boolean sent, String message) {
    Matcher status = STATUS.matcher(message);
    if (message.contains("SseInvalidStatusException") && status.find()) {
      return new StreamEnd(
          Termination.HTTP_STATUS, Integer.parseInt(status.group(1)), null, message);
    }
    Matcher type = CONTENT_TYPE.matcher(message);
    if (message.contains("SseInvalidContentTypeException") && type.find()) {
      return new StreamEnd(Termination.HTTP_STATUS, 200, type.group(1).trim(), message);
    }
    if (message.contains(REPLAY_BLOCKED)) {
      // The connection was cut before the first event; Gatling tried to re-send and our guard
      // refused, so the server never saw a second request.
      return new StreamEnd(Termination.CONNECTION_CUT, -1, null, message);
    }
    if (message.contains("End of stream")) {
      return new StreamEnd(Termination.ENDED_WITHOUT_MARKER, -1, null, message);
    }
    if (!sent || CONNECT_ERROR.matcher(message).find()) {
      return new StreamEnd(Termination.CONNECT_FAILED, -1, null, message);
    }
    if (message.contains("PrematureCloseException")) {
      // Connected and sent, then closed before the response: as much a cut as one mid-stream.
      return new StreamEnd(
          Termination.CONNECTION_CUT,
          -1,
          null,
          "connection closed before the response: " + message);
    }
    return new StreamEnd(Termination.ABORTED, -1, null, message);
  }
}
