package dev.streamload.chains;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.streamload.simulations.PresetSimulation;
import dev.streamload.testing.GatlingRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each request shape the API profile can send, checked on the wire by WireMock: the presets' bodies
 * and headers, a GET stream with a query parameter, a token from a header or a cookie, a
 * conversation fetched with GET whose id is in a header, a body template from a file, and message
 * arrays that grow with the history.
 */
class WireMockRequestShapesTest {

  static final int USERS = 2;

  /** The key the pom gives the test JVM's environment (keys never come from -D). */
  static final String KEY_ENV = "WIREMOCK_TEST_API_KEY";

  static final String KEY = System.getenv(KEY_ENV);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  WireMockServer wiremock;

  @BeforeEach
  void start() {
    wiremock = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    wiremock.start();
  }

  @AfterEach
  void stop() {
    wiremock.stop();
  }

  private GatlingRun.Result run(String preset, Map<String, String> extra) {
    Map<String, String> s = new HashMap<>();
    s.put("preset", preset);
    s.put("target.url", wiremock.baseUrl());
    s.put("apiKey.env", KEY_ENV);
    s.put("profile", "smoke");
    s.put("smoke.users", Integer.toString(USERS));
    s.put("timeout.firstFragment", "3s");
    s.put("timeout.stream", "5s");
    s.putAll(extra);
    return GatlingRun.run(PresetSimulation.class, s, dir);
  }

  private static ResponseDefinitionBuilder eventStream(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream")
        .withBody(body);
  }

  static final String OPENAI_STREAM =
      "data: {\"choices\":[{\"delta\":{\"content\":\"Hello \"}}]}\n\n"
          + "data: {\"choices\":[{\"delta\":{\"content\":\"there\"},\"finish_reason\":\"stop\"}]}\n\n"
          + "data: [DONE]\n\n";

  @Test
  void theAnthropicPresetSendsItsKeyVersionHeaderAndMessagesBodyAndEndsAtMessageStop() {
    wiremock.stubFor(
        post(urlEqualTo("/v1/messages"))
            .willReturn(
                eventStream(
                    "event: message_start\ndata: {\"type\":\"message_start\"}\n\n"
                        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
                        + "event: message_delta\ndata: {\"type\":\"message_delta\","
                        + "\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":1}}\n\n"
                        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")));

    GatlingRun.Result result = run("anthropic", Map.of());

    assertEquals(USERS, result.streams("completed"), result.summary().toString());
    wiremock.verify(
        USERS,
        postRequestedFor(urlEqualTo("/v1/messages"))
            .withHeader("x-api-key", equalTo(KEY))
            .withHeader("anthropic-version", equalTo("2023-06-01"))
            .withHeader("Authorization", absent())
            .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("1024")))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .withRequestBody(matchingJsonPath("$.model", equalTo("claude-3-5-haiku-latest")))
            .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
            .withRequestBody(matchingJsonPath("$.messages[0].content")));
  }

  @Test
  void theGeminiPresetPutsTheModelInThePathTheKeyInItsHeaderAndThePromptInContents() {
    wiremock.stubFor(
        post(urlPathEqualTo("/v1beta/models/gemini-pro-x:streamGenerateContent"))
            .willReturn(
                eventStream(
                    "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]}}]}\r\n\r\n"
                        + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"!\"}]},"
                        + "\"finishReason\":\"STOP\"}]}\r\n\r\n")));

    run("gemini", Map.of("model", "gemini-pro-x"));

    wiremock.verify(
        USERS,
        postRequestedFor(urlEqualTo("/v1beta/models/gemini-pro-x:streamGenerateContent?alt=sse"))
            .withHeader("x-goog-api-key", equalTo(KEY))
            .withRequestBody(matchingJsonPath("$.contents[0].role", equalTo("user")))
            .withRequestBody(matchingJsonPath("$.contents[0].parts[0].text")));
  }

  @Test
  void thePlainTextPresetStreamsWithGetAndThePromptAsAnEncodedQueryParameterWithoutAuth() {
    wiremock.stubFor(
        get(urlPathEqualTo("/flux/chat")).willReturn(eventStream("data:Hello\n\ndata:World\n\n")));

    GatlingRun.Result result =
        run("plain-text", Map.of("feeder.prompts", "prompts-escaping.jsonl", "smoke.users", "1"));

    assertEquals(1, result.streams("completed"), result.summary().toString());
    List<LoggedRequest> requests = wiremock.findAll(getRequestedFor(urlPathEqualTo("/flux/chat")));
    assertEquals(1, requests.size());
    assertFalse(requests.get(0).containsHeader("Authorization"));
    assertEquals(
        "She said \"stream it\", then left.\nSecond line\twith a tab and a backslash \\ 🚀👩‍💻",
        requests.get(0).queryParameter("q").firstValue());
  }

  @Test
  void aTokenFromALoginHeaderAGetConversationWithItsIdInAHeaderAndAFileTemplateChain() {
    wiremock.stubFor(
        post(urlEqualTo("/api/auth/login"))
            .willReturn(okJson("{}").withHeader("X-Auth-Token", "tok-from-header")));
    wiremock.stubFor(
        get(urlEqualTo("/api/conversations/new?client=streamload"))
            .withHeader("Authorization", equalTo("Bearer tok-from-header"))
            .willReturn(okJson("{}").withHeader("X-Conversation", "conv-h1")));
    wiremock.stubFor(post(urlEqualTo("/api/chat/stream")).willReturn(eventStream(OPENAI_STREAM)));

    GatlingRun.Result result =
        run(
            "chat",
            Map.of(
                "login.tokenFrom", "header:X-Auth-Token",
                "conversation.method", "GET",
                "conversation.path", "/api/conversations/new",
                "conversation.query.client", "streamload",
                "conversation.idFrom", "header:X-Conversation",
                "chat.body", "@templates/custom-chat.json",
                "stream.textPaths", "choices[0].delta.content"));

    assertEquals(USERS, result.streams("completed"), result.summary().toString());
    wiremock.verify(
        USERS,
        postRequestedFor(urlEqualTo("/api/chat/stream"))
            .withHeader("Authorization", equalTo("Bearer tok-from-header"))
            .withRequestBody(matchingJsonPath("$.session", equalTo("conv-h1")))
            .withRequestBody(matchingJsonPath("$.question")));
  }

  @Test
  void aTokenFromALoginCookieIsSentAsTheBearerTokenAndNoConversationStepRuns() {
    wiremock.stubFor(
        post(urlEqualTo("/api/auth/login"))
            .willReturn(okJson("{}").withHeader("Set-Cookie", "SESSION=ck-77; Path=/; HttpOnly")));
    wiremock.stubFor(post(urlEqualTo("/api/chat/stream")).willReturn(eventStream(OPENAI_STREAM)));

    GatlingRun.Result result =
        run(
            "chat",
            Map.of(
                "login.tokenFrom", "cookie:SESSION",
                "conversation.mode", "none",
                "chat.body", "{\"prompt\":#{prompt.jsonStringify()}}",
                "stream.textPaths", "choices[0].delta.content"));

    assertEquals(USERS, result.streams("completed"), result.summary().toString());
    wiremock.verify(
        USERS,
        postRequestedFor(urlEqualTo("/api/chat/stream"))
            .withHeader("Authorization", equalTo("Bearer ck-77")));
    wiremock.verify(0, postRequestedFor(urlEqualTo("/api/conversations")));
  }

  @Test
  void withHistoryEachTurnSendsThePreviousPromptsAndTheAnswersAsTheyWereStreamed()
      throws Exception {
    wiremock.stubFor(
        post(urlEqualTo("/v1/chat/completions")).willReturn(eventStream(OPENAI_STREAM)));

    GatlingRun.Result result =
        run("openai-chat", Map.of("smoke.users", "1", "chat.turns", "3", "chat.history", "true"));

    assertEquals(3, result.streams("completed"), result.summary().toString());
    List<LoggedRequest> requests =
        wiremock.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
    List<Integer> sizes = new java.util.ArrayList<>();
    JsonNode last = null;
    for (LoggedRequest r : requests) {
      last = JSON.readTree(r.getBodyAsString()).path("messages");
      sizes.add(last.size());
    }
    assertEquals(List.of(1, 3, 5), sizes);
    assertEquals("assistant", last.get(1).path("role").asText());
    assertEquals("Hello there", last.get(1).path("content").asText());
    assertEquals("Hello there", last.get(3).path("content").asText());
  }

  @Test
  void withoutHistoryEveryTurnSendsOneMessageAndNoAnswerTextIsKept() throws Exception {
    wiremock.stubFor(
        post(urlEqualTo("/v1/chat/completions")).willReturn(eventStream(OPENAI_STREAM)));

    run("openai-chat", Map.of("smoke.users", "1", "chat.turns", "2"));

    for (LoggedRequest r : wiremock.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))) {
      JsonNode body = JSON.readTree(r.getBodyAsString());
      assertEquals(1, body.path("messages").size(), body.toString());
      assertTrue(body.path("max_tokens").isNull(), body.toString());
    }
  }

  @Test
  void aFailedLoginShowsTheStartOfTheServersBodyOnTheConsoleWithThePasswordMasked()
      throws Exception {
    wiremock.stubFor(
        post(urlEqualTo("/api/auth/login"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"error\":\"query, inputs, user and response_mode required\","
                            + "\"echo\":\"password=S3cret-Passw0rd-9f1c\"}")));

    Path accounts = dir.resolve("accounts.csv");
    java.nio.file.Files.writeString(
        accounts, "username,password\nu1,S3cret-Passw0rd-9f1c\nu2,S3cret-Passw0rd-9f1c\n");
    GatlingRun.Result result = run("chat", Map.of("feeder.accounts", accounts.toString()));

    String line =
        result.consoleEnd().stream()
            .filter(l -> l.startsWith("streamload: first login_failed: "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(result.consoleEnd().toString()));
    assertTrue(
        line.contains(
            "login failed (status 400: {\"error\":\"query, inputs, user and response_mode"
                + " required\""),
        line);
    assertFalse(line.contains("S3cret-Passw0rd-9f1c"), line);
    assertTrue(line.contains("password=***"), line);
  }
}
