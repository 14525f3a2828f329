package dev.streamload.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Calls the mock's JSON endpoints with {@link HttpClient} and builds stream requests for tests. */
final class MockApi {

  /** Longest wait for one JSON answer. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  static final ObjectMapper JSON = new ObjectMapper();

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(REQUEST_TIMEOUT)
          .build();

  private MockApi() {}

  /** POSTs a body with optional extra headers (name, value pairs). */
  static HttpResponse<String> post(MockChatServer mock, String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(mock.baseUrl() + path))
            .timeout(REQUEST_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GETs a path. */
  static HttpResponse<String> get(MockChatServer mock, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(mock.baseUrl() + path)).timeout(REQUEST_TIMEOUT).build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Logs in and returns the token, failing the test unless the answer is 200; uses a connection
   * that closes afterwards, though the mock may count it open for a moment after this returns: poll
   * {@code openConnections() == 0} before counting connections.
   */
  static String login(MockChatServer mock, String username, String password) throws IOException {
    RawHttp.Response response =
        postOnce(mock, "/api/auth/login", Map.of(), loginBody(username, password));
    assertEquals(200, response.status(), response.body());
    return json(response.body()).get("token").asText();
  }

  /** The JSON login body. */
  static String loginBody(String username, String password) {
    return write(Map.of("username", username, "password", password));
  }

  /**
   * Creates a conversation and returns its id, failing the test unless the answer is 201; uses a
   * connection that closes afterwards.
   */
  static String conversation(MockChatServer mock, String token) throws IOException {
    RawHttp.Response response =
        postOnce(mock, "/api/conversations", Map.of("Authorization", "Bearer " + token), "{}");
    assertEquals(201, response.status(), response.body());
    return json(response.body()).get("conversationId").asText();
  }

  private static RawHttp.Response postOnce(
      MockChatServer mock, String path, Map<String, String> headers, String body)
      throws IOException {
    Map<String, String> closing = new HashMap<>(headers);
    closing.put("Connection", "close");
    try (RawHttp http = RawHttp.connect(mock.port())) {
      return http.exchange("POST", path, closing, body, REQUEST_TIMEOUT);
    }
  }

  /** Headers and body of a default-dialect stream request. */
  record StreamRequest(Map<String, String> headers, String body) {}

  /** Logs in user1, opens a conversation and returns a ready default-dialect stream request. */
  static StreamRequest defaultStreamRequest(MockChatServer mock) throws IOException {
    String token = login(mock, "user1", "pass-1");
    String conversationId = conversation(mock, token);
    return new StreamRequest(
        Map.of("Authorization", "Bearer " + token, "Accept", "text/event-stream"),
        write(Map.of("conversationId", conversationId, "prompt", "Say something")));
  }

  /** An OpenAI-dialect streaming body. */
  static String openAiBody(String model, boolean stream, boolean includeUsage) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":"
        + stream
        + (includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "")
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me three things\"}]}";
  }

  /** Parses JSON, failing the test on invalid JSON. */
  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
