package dev.streamload.chains;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.streamload.simulations.ChatStreamSimulation;
import dev.streamload.testing.GatlingRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default simulation against WireMock stubs of a chat API: the identity chain passes the right
 * values from step to step, and awkward streams are read to the end or failed with the right class.
 */
class WireMockChainTest {

  static final int USERS = 3;
  static final String TOKEN = "tok-abc-123";
  static final String FRAGMENTS_10 = fragments(10) + "data: [DONE]\n\n";

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

  private static String fragments(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("data: {\"delta\":\"word").append(i).append(" \"}\n\n");
    }
    return sb.toString();
  }

  private void stubIdentity() {
    wiremock.stubFor(
        post(urlEqualTo("/api/auth/login"))
            .withRequestBody(matchingJsonPath("$.username"))
            .willReturn(okJson("{\"token\":\"" + TOKEN + "\"}")));
    wiremock.stubFor(
        post(urlEqualTo("/api/conversations"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .willReturn(okJson("{\"conversationId\":\"conv-9\"}").withStatus(201)));
  }

  private void stubStream(ResponseDefinitionBuilder response) {
    wiremock.stubFor(
        post(urlEqualTo("/api/chat/stream"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .willReturn(response));
  }

  private static ResponseDefinitionBuilder eventStream(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream")
        .withBody(body);
  }

  private GatlingRun.Result run(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("target.url", wiremock.baseUrl());
    settings.put("profile", "smoke");
    settings.put("smoke.users", Integer.toString(USERS));
    settings.put("timeout.firstFragment", "3s");
    settings.put("timeout.stream", "5s");
    settings.putAll(extra);
    return GatlingRun.run(ChatStreamSimulation.class, settings, dir);
  }

  @Test
  void eachUserLogsInCreatesAConversationAndStreamsWithItsTokenAndConversationId() {
    stubIdentity();
    stubStream(eventStream(FRAGMENTS_10));

    GatlingRun.Result result = run(Map.of());

    assertEquals(USERS, result.streams("completed"), result.summary().toString());
    wiremock.verify(
        USERS,
        postRequestedFor(urlEqualTo("/api/auth/login"))
            .withRequestBody(matchingJsonPath("$.password")));
    wiremock.verify(
        USERS,
        postRequestedFor(urlEqualTo("/api/chat/stream"))
            .withHeader("Accept", containing("text/event-stream"))
            .withHeader("X-Request-Id", matching(".+"))
            .withRequestBody(matchingJsonPath("$.conversationId", equalTo("conv-9")))
            .withRequestBody(matchingJsonPath("$.prompt")));
    for (JsonNode stream : result.streams()) {
      assertEquals(10, stream.path("fragments").asInt(), stream.toString());
    }
  }

  @Test
  void aFailedLoginStopsTheUserWithOneNamedFailureAndNoFurtherRequests() {
    wiremock.stubFor(
        post(urlEqualTo("/api/auth/login"))
            .willReturn(
                aResponse().withStatus(401).withBody("{\"error\":\"invalid_credentials\"}")));

    GatlingRun.Result result = run(Map.of());

    assertEquals(USERS, result.failures("login_failed"));
    assertEquals(USERS, result.streams("started"));
    assertEquals(0, result.streams("completed"));
    wiremock.verify(0, postRequestedFor(urlEqualTo("/api/conversations")));
    wiremock.verify(0, postRequestedFor(urlEqualTo("/api/chat/stream")));
  }

  @Test
  void aFailedLoginsDetailHasTheStatusAndTheStartOfTheServersBodyWithSecretsMasked() {
    wiremock.stubFor(
        post(urlEqualTo("/api/auth/login"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody(
                        "{\"error\":\"invalid_credentials\",\"hint\":\"token=s3cr3tvalue\"}")));

    GatlingRun.Result result = run(Map.of());

    String detail = result.streams().get(0).path("detail").asText();
    assertTrue(
        detail.startsWith("login failed (status 401: {\"error\":\"invalid_credentials\""), detail);
    assertTrue(detail.endsWith(": no stream was attempted"), detail);
    assertFalse(detail.contains("s3cr3tvalue"), detail);
  }

  @Test
  void aConversationWithoutIdIsAConversationFailure() {
    wiremock.stubFor(
        post(urlEqualTo("/api/auth/login")).willReturn(okJson("{\"token\":\"" + TOKEN + "\"}")));
    wiremock.stubFor(post(urlEqualTo("/api/conversations")).willReturn(okJson("{\"id\":\"x\"}")));

    GatlingRun.Result result = run(Map.of());

    assertEquals(USERS, result.failures("conversation_failed"));
    wiremock.verify(0, postRequestedFor(urlEqualTo("/api/chat/stream")));
  }

  @Test
  void eventsSplitAcrossManySmallChunksAreAllRead() {
    stubIdentity();
    String body = fragments(40) + "data: [DONE]\n\n";
    // About 60 TCP chunks over 1.5 s: events and even single lines arrive in pieces.
    stubStream(eventStream(body).withChunkedDribbleDelay(60, 1_500));

    GatlingRun.Result result = run(Map.of());

    assertEquals(USERS, result.streams("completed"), result.summary().toString());
    for (JsonNode stream : result.streams()) {
      assertEquals(40, stream.path("fragments").asInt(), stream.toString());
      assertEquals("ok", stream.path("outcome").asText());
    }
  }

  @Test
  void aLastEventWithoutItsBlankLineLeavesTheStreamWithoutEndMarkerAndFailsIt() {
    stubIdentity();
    // "[DONE]" is not terminated by a blank line, so it is never a complete event.
    stubStream(eventStream(fragments(5) + "data: [DONE]"));

    GatlingRun.Result result = run(Map.of());

    assertEquals(0, result.streams("completed"));
    assertEquals(USERS, result.failures("no_end_marker"), result.summary().toString());
  }

  @Test
  void aOneMebibyteEventIsReadToTheEndAndCounted() {
    stubIdentity();
    String huge = "x".repeat(1 << 20);
    stubStream(eventStream("data: {\"delta\":\"" + huge + "\"}\n\n" + FRAGMENTS_10));

    GatlingRun.Result result = run(Map.of());

    assertEquals(USERS, result.streams("completed"), result.summary().toString());
    for (JsonNode stream : result.streams()) {
      assertEquals(11, stream.path("fragments").asInt());
      assertTrue(stream.path("text_chars").asLong() > 1 << 20, stream.toString());
    }
  }

  @Test
  void anInvalidUtf8ByteInsideTextIsReadAsTextAndDoesNotCrashTheRun() {
    stubIdentity();
    byte[] head = "data: {\"delta\":\"caf".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] tail =
        "\"}\n\n".concat(FRAGMENTS_10).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    body[head.length] = (byte) 0xFF; // never valid in UTF-8
    System.arraycopy(tail, 0, body, head.length + 1, tail.length);
    stubStream(
        aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body));

    GatlingRun.Result result = run(Map.of());

    assertEquals(0, result.exitCode());
    assertEquals(USERS, result.streams("completed"), result.summary().toString());
    for (JsonNode stream : result.streams()) {
      assertEquals(11, stream.path("fragments").asInt(), stream.toString());
    }
  }

  /** Far below timeout.stream (30 s in these two tests): the stream did not wait for a timeout. */
  static final double PROMPT_END_MS = 5_000;

  @Test
  void anEndMarkerAsTheFirstEventIsAnEmptyAnswerReportedAtOnce() {
    stubIdentity();
    stubStream(eventStream("data: [DONE]\n\n"));

    GatlingRun.Result result = run(Map.of("timeout.stream", "30s"));

    assertEquals(USERS, result.failures("empty_answer"), result.summary().toString());
    for (JsonNode stream : result.streams()) {
      double took = stream.path("t_finish").asDouble() - stream.path("t_send").asDouble();
      assertTrue(took < PROMPT_END_MS, "waited " + took + " ms: " + stream);
    }
  }

  @Test
  void anErrorEventAsTheFirstEventIsAnErrorEventReportedAtOnce() {
    stubIdentity();
    stubStream(eventStream("data: {\"error\":{\"message\":\"overloaded\"}}\n\n"));

    GatlingRun.Result result = run(Map.of("timeout.stream", "30s"));

    assertEquals(USERS, result.failures("error_event"), result.summary().toString());
    for (JsonNode stream : result.streams()) {
      double took = stream.path("t_finish").asDouble() - stream.path("t_send").asDouble();
      assertTrue(took < PROMPT_END_MS, "waited " + took + " ms: " + stream);
    }
  }

  @Test
  void aJsonErrorBodyInsteadOfAStreamIsAWrongContentType() {
    stubIdentity();
    stubStream(okJson("{\"error\":{\"message\":\"model overloaded\"}}"));

    GatlingRun.Result result = run(Map.of());

    assertEquals(USERS, result.failures("wrong_content_type"), result.summary().toString());
  }

  @Test
  void aServerErrorStatusIsClassedAs5xx() {
    stubIdentity();
    stubStream(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}"));

    GatlingRun.Result result = run(Map.of());

    assertEquals(USERS, result.failures("http_5xx"));
  }

  @Test
  void theLoginBodyUsesTheConfiguredFieldNamesAndTokenPath() {
    wiremock.stubFor(
        post(urlEqualTo("/auth"))
            .withRequestBody(matchingJsonPath("$.email"))
            .withRequestBody(matchingJsonPath("$.secret"))
            .willReturn(okJson("{\"data\":{\"accessToken\":\"" + TOKEN + "\"}}")));
    wiremock.stubFor(
        post(urlEqualTo("/api/conversations"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .willReturn(okJson("{\"conversationId\":\"conv-9\"}")));
    stubStream(eventStream(FRAGMENTS_10));

    GatlingRun.Result result =
        run(
            Map.of(
                "login.path", "/auth",
                "login.usernameField", "email",
                "login.passwordField", "secret",
                "login.tokenPath", "data.accessToken"));

    assertEquals(USERS, result.streams("completed"), result.summary().toString());
    assertTrue(result.exitCode() == 0);
  }

  private static com.github.tomakehurst.wiremock.matching.StringValuePattern matching(
      String regex) {
    return com.github.tomakehurst.wiremock.client.WireMock.matching(regex);
  }
}
