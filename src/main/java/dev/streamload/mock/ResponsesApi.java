package dev.streamload.mock;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OpenAI Responses, {@code POST /v1/responses}: {@code Authorization: Bearer <key>}, a body with
 * {@code model}, {@code input} (a string or a non-empty array) and {@code "stream":true}; errors as
 * OpenAI's {@code {"error":{"message":..,"type":..,"param":..,"code":..}}}.
 */
final class ResponsesApi implements PresetApi {

  static final String PATH = "/v1/responses";
  static final ResponsesApi INSTANCE = new ResponsesApi();

  private ResponsesApi() {}

  @Override
  public MockEndpoint endpoint() {
    return MockEndpoint.STREAM_RESPONSES;
  }

  @Override
  public Object errorBody(int status, String message) {
    return body(message, errorType(status), null, errorCode(status));
  }

  private static Map<String, Object> body(String message, String type, String param, String code) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return Map.of("error", error);
  }

  private static String errorType(int status) {
    return switch (status) {
      case 400, 404 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 429 -> "rate_limit_error";
      default -> "server_error";
    };
  }

  private static String errorCode(int status) {
    return switch (status) {
      case 401 -> "invalid_api_key";
      case 429 -> "rate_limit_exceeded";
      case 500, 503 -> "server_error";
      default -> null;
    };
  }

  @Override
  public Supplier<SseDialect> admit(FullHttpRequest request, MockChatServer.Shared shared)
      throws Rejection {
    if (!shared.auth().isApiKey(MockChatHandler.bearer(request))) {
      throw Rejection.status(
          401,
          body("Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key"),
          "invalid API key");
    }
    JsonNode body = MockChatHandler.parseObject(request);
    if (body == null) {
      throw Rejection.badRequest(this, "The request body is not a JSON object.");
    }
    if (!body.path("model").isTextual()) {
      throw missing("model");
    }
    JsonNode input = body.path("input");
    if (!(input.isTextual() || (input.isArray() && !input.isEmpty()))) {
      throw missing("input");
    }
    if (!body.path("stream").asBoolean(false)) {
      throw Rejection.badRequest(
          this, "The mock's " + PATH + " only streams: set 'stream' to true.");
    }
    long sequence = shared.nextSequence();
    String model = body.get("model").asText();
    int inputTokens = MockText.promptWords(input);
    long created = Instant.now().getEpochSecond();
    return () -> new ResponsesDialect(sequence, created, model, inputTokens);
  }

  private Rejection missing(String param) {
    String message = "Missing required parameter: '" + param + "'.";
    return Rejection.badRequestWithBody(
        body(message, "invalid_request_error", param, "missing_required_parameter"), message);
  }
}
