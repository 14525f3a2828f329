package dev.streamload.mock;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Anthropic Messages, {@code POST /v1/messages}: {@code x-api-key} and {@code anthropic-version}
 * headers, a body with {@code model}, {@code max_tokens}, {@code messages} and {@code
 * "stream":true}; errors as {@code {"type":"error","error":{"type":..,"message":..}}}.
 */
final class AnthropicApi implements PresetApi {

  static final String PATH = "/v1/messages";
  static final AnthropicApi INSTANCE = new AnthropicApi();

  private AnthropicApi() {}

  @Override
  public MockEndpoint endpoint() {
    return MockEndpoint.STREAM_ANTHROPIC;
  }

  @Override
  public Object errorBody(int status, String message) {
    return body(errorType(status), message);
  }

  /** Anthropic's error body: {@code {"type":"error","error":{"type":..,"message":..}}}. */
  static Map<String, Object> body(String type, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", type);
    error.put("message", message);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "error");
    body.put("error", error);
    return body;
  }

  private static String errorType(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "overloaded_error";
      default -> "api_error";
    };
  }

  @Override
  public Supplier<SseDialect> admit(FullHttpRequest request, MockChatServer.Shared shared)
      throws Rejection {
    if (!shared.auth().isApiKey(request.headers().get("x-api-key"))) {
      throw Rejection.status(this, 401, "invalid x-api-key");
    }
    if (request.headers().get("anthropic-version") == null) {
      throw Rejection.badRequest(this, "anthropic-version: header is required");
    }
    JsonNode body = MockChatHandler.parseObject(request);
    if (body == null) {
      throw Rejection.badRequest(this, "the request body is not a JSON object");
    }
    if (!body.path("model").isTextual()) {
      throw Rejection.badRequest(this, "model: Field required");
    }
    if (!body.path("max_tokens").canConvertToInt() || body.path("max_tokens").asInt() < 1) {
      throw Rejection.badRequest(this, "max_tokens: Field required (an integer of at least 1)");
    }
    JsonNode messages = body.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      throw Rejection.badRequest(this, "messages: Field required (at least one message)");
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String role = message.path("role").asText("");
      if (role.equals("system")) {
        throw Rejection.badRequest(
            this,
            "messages."
                + i
                + ".role: Unexpected role \"system\". The Messages API accepts a top-level"
                + " `system` parameter, not \"system\" as an input message role.");
      }
      if (!role.equals("user") && !role.equals("assistant")) {
        throw Rejection.badRequest(
            this, "messages." + i + ".role: Input should be 'user' or 'assistant'");
      }
      JsonNode content = message.path("content");
      if (!content.isTextual() && !content.isArray()) {
        throw Rejection.badRequest(this, "messages." + i + ".content: Field required");
      }
    }
    if (!body.path("stream").asBoolean(false)) {
      throw Rejection.badRequest(
          this, "stream: the mock's " + PATH + " only streams: set \"stream\": true");
    }
    String messageId = "msg_mock" + shared.nextSequence();
    String model = body.get("model").asText();
    int inputTokens = MockText.promptWords(messages);
    return () -> new AnthropicDialect(messageId, model, inputTokens);
  }
}
