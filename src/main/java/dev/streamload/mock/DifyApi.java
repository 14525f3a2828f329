package dev.streamload.mock;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Dify chat apps, {@code POST /v1/chat-messages}: {@code Authorization: Bearer <key>}, a body with
 * {@code inputs} (object), {@code query}, {@code user}, {@code "response_mode":"streaming"} and an
 * optional {@code conversation_id}; errors as Dify's {@code {"code":..,"message":..,"status":..}}.
 * A request without a conversation id starts a conversation, whose id the answer's events carry and
 * later turns of the same user send back.
 */
final class DifyApi implements PresetApi {

  static final String PATH = "/v1/chat-messages";
  static final DifyApi INSTANCE = new DifyApi();

  private DifyApi() {}

  @Override
  public MockEndpoint endpoint() {
    return MockEndpoint.STREAM_DIFY;
  }

  @Override
  public Object errorBody(int status, String message) {
    return body(code(status), message, status);
  }

  /** Dify's error body: {@code {"code":..,"message":..,"status":..}}. */
  static Map<String, Object> body(String code, String message, int status) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message);
    body.put("status", status);
    return body;
  }

  private static String code(int status) {
    return switch (status) {
      case 400 -> "invalid_param";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 429 -> "too_many_requests";
      default -> "internal_server_error";
    };
  }

  @Override
  public Supplier<SseDialect> admit(FullHttpRequest request, MockChatServer.Shared shared)
      throws Rejection {
    String key = MockChatHandler.bearer(request);
    if (key == null) {
      throw Rejection.status(
          this, 401, "Authorization header must be provided and start with 'Bearer'");
    }
    if (!shared.auth().isApiKey(key)) {
      throw Rejection.status(this, 401, "Access token is invalid");
    }
    JsonNode body = MockChatHandler.parseObject(request);
    if (body == null) {
      throw Rejection.badRequest(this, "The request body is not a JSON object.");
    }
    List<String> missing = new ArrayList<>();
    if (!body.path("query").isTextual() || body.get("query").asText().isBlank()) {
      missing.add("query");
    }
    if (!body.path("inputs").isObject()) {
      missing.add("inputs");
    }
    if (!body.path("user").isTextual() || body.get("user").asText().isBlank()) {
      missing.add("user");
    }
    if (!body.path("response_mode").isTextual()) {
      missing.add("response_mode");
    }
    if (!missing.isEmpty()) {
      throw Rejection.badRequest(this, joined(missing) + " required");
    }
    if (!"streaming".equals(body.get("response_mode").asText())) {
      throw Rejection.badRequest(
          this,
          "response_mode is '"
              + body.get("response_mode").asText()
              + "': the mock's "
              + PATH
              + " only streams, set it to 'streaming'");
    }
    String user = body.get("user").asText();
    String given = body.path("conversation_id").asText("");
    if (!given.isEmpty() && !shared.auth().ownsConversation(user, given)) {
      throw Rejection.status(this, 404, "Conversation Not Exists.");
    }
    int promptTokens = MockText.promptWords(body.get("query"));
    long created = Instant.now().getEpochSecond();
    return () ->
        new DifyDialect(
            given.isEmpty() ? shared.auth().createConversation(user) : given,
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            created,
            promptTokens);
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  private static String joined(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }
}
