package dev.streamload.mock;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An EventSource-style endpoint, {@code GET /chat/stream?q=<prompt>}: no key, no body, the prompt
 * in the query; errors as the project's {@code {"error":..,"message":..}}.
 */
final class CumulativeApi implements PresetApi {

  static final String PATH = "/chat/stream";
  static final CumulativeApi INSTANCE = new CumulativeApi();

  private CumulativeApi() {}

  @Override
  public MockEndpoint endpoint() {
    return MockEndpoint.STREAM_CUMULATIVE;
  }

  @Override
  public Object errorBody(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", status == 400 ? "bad_request" : "http_" + status);
    body.put("message", message);
    return body;
  }

  @Override
  public Supplier<SseDialect> admit(FullHttpRequest request, MockChatServer.Shared shared)
      throws Rejection {
    List<String> q = new QueryStringDecoder(request.uri()).parameters().get("q");
    if (q == null || q.isEmpty() || q.get(0).isBlank()) {
      throw Rejection.badRequest(this, "the query parameter q (the prompt) is required");
    }
    return CumulativeDialect::new;
  }
}
