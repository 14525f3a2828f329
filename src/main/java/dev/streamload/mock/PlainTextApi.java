package dev.streamload.mock;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Spring WebFlux endpoint returning {@code Flux<String>} as {@code text/event-stream}, {@code
 * GET} or {@code POST /flux/chat}: no key and any body (such a controller reads whatever it is
 * given); errors as Spring Boot's {@code {"timestamp":..,"path":..,"status":..,"error":..}}.
 */
final class PlainTextApi implements PresetApi {

  static final String PATH = "/flux/chat";
  static final PlainTextApi INSTANCE = new PlainTextApi();

  private PlainTextApi() {}

  @Override
  public MockEndpoint endpoint() {
    return MockEndpoint.STREAM_PLAIN;
  }

  @Override
  public Object errorBody(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("timestamp", Instant.now().toString());
    body.put("path", PATH);
    body.put("status", status);
    body.put("error", HttpResponseStatus.valueOf(status).reasonPhrase());
    body.put("message", message);
    return body;
  }

  @Override
  public Supplier<SseDialect> admit(FullHttpRequest request, MockChatServer.Shared shared) {
    return () -> PlainTextDialect.INSTANCE;
  }
}
