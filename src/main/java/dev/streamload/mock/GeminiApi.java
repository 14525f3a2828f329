package dev.streamload.mock;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemini, {@code POST /v1beta/models/<model>:streamGenerateContent?alt=sse} (or {@code /v1/}): the
 * key in {@code x-goog-api-key} or the {@code key} query parameter, a body with {@code contents};
 * errors as Google's {@code {"error":{"code":..,"message":..,"status":..}}}.
 */
final class GeminiApi implements PresetApi {

  static final GeminiApi INSTANCE = new GeminiApi();

  private static final Pattern PATH =
      Pattern.compile("/v1(?:beta)?/models/([^/:]+):streamGenerateContent");

  private GeminiApi() {}

  /** Whether {@code path} is a Gemini stream path. */
  static boolean matches(String path) {
    return PATH.matcher(path).matches();
  }

  @Override
  public MockEndpoint endpoint() {
    return MockEndpoint.STREAM_GEMINI;
  }

  @Override
  public Object errorBody(int status, String message) {
    return body(status, message);
  }

  /** Google's error body: {@code {"error":{"code":..,"message":..,"status":..}}}. */
  static Map<String, Object> body(int status, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", status);
    error.put("message", message);
    error.put("status", statusName(status));
    return Map.of("error", error);
  }

  private static String statusName(int status) {
    return switch (status) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 500 -> "INTERNAL";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> "UNKNOWN";
    };
  }

  @Override
  public Supplier<SseDialect> admit(FullHttpRequest request, MockChatServer.Shared shared)
      throws Rejection {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    Matcher path = PATH.matcher(uri.path());
    if (!path.matches()) {
      throw new IllegalArgumentException("not a Gemini stream path: " + uri.path());
    }
    String key = request.headers().get("x-goog-api-key");
    if (key == null) {
      key = first(uri, "key");
    }
    if (key == null) {
      throw Rejection.status(
          this,
          403,
          "Method doesn't allow unregistered callers (callers without established identity)."
              + " Please use API Key or other form of API consumer identity to call this API.");
    }
    if (!shared.auth().isApiKey(key)) {
      // Google answers a wrong key with 400, not 401.
      throw Rejection.status(this, 400, "API key not valid. Please pass a valid API key.");
    }
    if (!"sse".equals(first(uri, "alt"))) {
      throw Rejection.badRequest(
          this,
          "the mock streams Server-Sent Events only: add ?alt=sse"
              + " (without it Gemini streams a JSON array)");
    }
    JsonNode body = MockChatHandler.parseObject(request);
    if (body == null) {
      throw Rejection.badRequest(this, "Invalid JSON payload received: not a JSON object.");
    }
    JsonNode contents = body.path("contents");
    if (!contents.isArray() || contents.isEmpty()) {
      throw Rejection.badRequest(
          this, "* GenerateContentRequest.contents: contents is not specified");
    }
    for (int i = 0; i < contents.size(); i++) {
      JsonNode content = contents.get(i);
      String role = content.path("role").asText("user");
      if (!role.equals("user") && !role.equals("model")) {
        throw Rejection.badRequest(this, "Please use a valid role: user, model.");
      }
      if (!content.path("parts").isArray() || content.path("parts").isEmpty()) {
        throw Rejection.badRequest(
            this,
            "* GenerateContentRequest.contents["
                + i
                + "].parts: contents.parts must not be empty.");
      }
    }
    String model = path.group(1);
    int promptTokens = MockText.promptWords(contents);
    String responseId = "mock" + shared.nextSequence();
    return () -> new GeminiDialect(model, responseId, promptTokens);
  }

  private static String first(QueryStringDecoder uri, String name) {
    List<String> values = uri.parameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
