package dev.streamload.mock;

import static dev.streamload.mock.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnthropicDialectStreamTest {

  private static final int FRAGMENTS = 4;

  /** Fragments written before a mid-stream fault acts: half the answer, rounded up. */
  private static final int PARTIAL = 2;

  private static final Map<String, String> HEADERS =
      Map.of("x-api-key", "mock-api-key", "anthropic-version", "2023-06-01");
  private static final String BODY =
      "{\"model\":\"claude-test\",\"max_tokens\":256,\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me three things\"}]}";
  private static final List<String> OPENINGS =
      List.of("message_start", "content_block_start", "ping");
  private static final List<String> CLOSINGS =
      List.of("content_block_stop", "message_delta", "message_stop");

  private MockChatServer mock;
  private PresetCall call;

  @BeforeEach
  void startMock() {
    mock =
        MockChatServer.start(
            MockSettings.defaults()
                .withTimeToFirstFragment(Duration.ofMillis(20))
                .withFragments(FRAGMENTS)
                .withGap(Duration.ofMillis(5)));
    call = new PresetCall(mock, "POST", "/v1/messages", HEADERS, BODY);
  }

  @AfterEach
  void stopMock() {
    mock.close();
  }

  @Test
  void streamsMessageStartBlockStartPingDeltasBlockStopMessageDeltaAndMessageStop()
      throws Exception {
    RawHttp.Response response = call.send();

    assertEquals(200, response.status());
    assertEquals("text/event-stream", response.header("content-type"));
    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    assertEquals(names(FRAGMENTS, CLOSINGS), SseText.names(response.body()));
    List<SseText.Event> events = SseText.events(response.body());
    for (SseText.Event event : events) {
      assertEquals(event.event(), json(event).get("type").asText(), "type equals the event name");
      assertFalse(event.data().contains("[DONE]"), event.data());
    }
    JsonNode message = json(events.get(0)).get("message");
    assertTrue(message.get("id").asText().startsWith("msg_"), message.toString());
    assertEquals("assistant", message.get("role").asText());
    assertEquals("claude-test", message.get("model").asText());
    assertEquals(4, message.get("usage").get("input_tokens").asInt(), "the prompt's words");
    assertEquals("text", json(events.get(1)).get("content_block").get("type").asText());
    assertEquals(MockText.answer(FRAGMENTS), text(events));
    JsonNode messageDelta = json(events.get(events.size() - 2));
    assertEquals("end_turn", messageDelta.get("delta").get("stop_reason").asText());
    assertEquals(FRAGMENTS, messageDelta.get("usage").get("output_tokens").asInt());
    assertEquals(1, mock.counters().requests(MockEndpoint.STREAM_ANTHROPIC));
    assertEquals(1, mock.counters().streamsCompleted());
  }

  @Test
  void aPromptWithQuotesAndTheAnswerTextFromXMockTextStayValidJson() throws Exception {
    RawHttp.Response response =
        call.withBody(
                "{\"model\":\"m\",\"max_tokens\":9,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"hi\\\"\\n\"}]}")
            .withHeaders(call.headersWith(StreamOverrides.TEXT, "a \"quoted\" answer"))
            .send();

    assertEquals("a \"quoted\" answer ", text(SseText.events(response.body())));
  }

  @Test
  void rejectsAMissingOrWrongApiKeyWithAnAnthropicAuthenticationError() throws Exception {
    for (String key : new String[] {null, "wrong"}) {
      Map<String, String> headers =
          key == null
              ? Map.of("anthropic-version", "2023-06-01")
              : call.headersWith("x-api-key", key);
      RawHttp.Response response = call.withHeaders(headers).send();

      assertEquals(401, response.status());
      JsonNode body = MockApi.json(response.body());
      assertEquals("error", body.get("type").asText());
      assertEquals("authentication_error", body.get("error").get("type").asText());
    }
    assertEquals(0, mock.counters().streamsStarted());
  }

  @Test
  void rejectsAMissingVersionHeaderOrAWrongBodyWithAnInvalidRequestErrorNamingTheField()
      throws Exception {
    assertInvalidRequest(
        call.withHeaders(Map.of("x-api-key", "mock-api-key")).send(), "anthropic-version");
    assertInvalidRequest(
        call.withBody("{\"model\":\"m\",\"stream\":true,\"messages\":[{}]}").send(), "max_tokens");
    assertInvalidRequest(
        call.withBody("{\"max_tokens\":5,\"stream\":true,\"messages\":[{}]}").send(), "model");
    assertInvalidRequest(
        call.withBody("{\"model\":\"m\",\"max_tokens\":5,\"stream\":true}").send(), "messages");
    assertInvalidRequest(
        call.withBody(
                "{\"model\":\"m\",\"max_tokens\":5,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .send(),
        "stream");
    assertInvalidRequest(call.withBody("not json").send(), "JSON");
    assertEquals(6, mock.counters().badRequests());
    assertEquals(0, mock.counters().streamsStarted());
  }

  @Test
  void acceptsAHistoryOfUserAndAssistantTurnsButNotASystemMessageOrAMessageWithoutContent()
      throws Exception {
    RawHttp.Response history =
        call.withBody(
                "{\"model\":\"m\",\"max_tokens\":9,\"stream\":true,\"messages\":["
                    + "{\"role\":\"user\",\"content\":\"hi\"},"
                    + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]},"
                    + "{\"role\":\"user\",\"content\":\"more\"}]}")
            .send();

    assertEquals(200, history.status(), history.body());
    assertEquals(
        3,
        json(SseText.events(history.body()).get(0))
            .get("message")
            .get("usage")
            .get("input_tokens")
            .asInt());
    assertInvalidRequest(
        call.withBody(
                "{\"model\":\"m\",\"max_tokens\":9,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"}]}")
            .send(),
        "system");
    assertInvalidRequest(
        call.withBody(
                "{\"model\":\"m\",\"max_tokens\":9,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\"}]}")
            .send(),
        "messages.0.content");
    assertEquals(1, mock.counters().streamsStarted());
  }

  private static void assertInvalidRequest(RawHttp.Response response, String field) {
    assertEquals(400, response.status(), response.body());
    JsonNode error = MockApi.json(response.body()).get("error");
    assertEquals("invalid_request_error", error.get("type").asText());
    assertMentions(error.get("message").asText(), field);
  }

  @Test
  void anHttpStatusFaultAnswersWithAnthropicsErrorBodyForThatStatus() throws Exception {
    RawHttp.Response limited = call.send(Fault.HTTP_429);
    RawHttp.Response overloaded = call.send(Fault.HTTP_503);

    assertEquals(429, limited.status());
    assertEquals("1", limited.header("retry-after"));
    assertEquals(
        "rate_limit_error", MockApi.json(limited.body()).get("error").get("type").asText());
    assertEquals(503, overloaded.status());
    assertEquals(
        "overloaded_error", MockApi.json(overloaded.body()).get("error").get("type").asText());
  }

  @Test
  void anInvalidOverrideHeaderIsAnAnthropicInvalidRequestError() throws Exception {
    RawHttp.Response response =
        call.withHeaders(call.headersWith(StreamOverrides.GAP_MS, "fast")).send();

    assertInvalidRequest(response, StreamOverrides.GAP_MS);
  }

  @Test
  void errorEventSendsSomeDeltasThenAnOverloadedErrorEventAndEndsWithoutMessageStop()
      throws Exception {
    RawHttp.Response response = call.send(Fault.ERROR_EVENT);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    assertEquals(names(PARTIAL, List.of("error")), SseText.names(response.body()));
    List<SseText.Event> events = SseText.events(response.body());
    JsonNode error = json(events.get(events.size() - 1));
    assertEquals("error", error.get("type").asText());
    assertEquals("overloaded_error", error.get("error").get("type").asText());
    assertTrue(error.get("error").has("message"));
  }

  @Test
  void interruptCutsTheConnectionAfterSomeDeltasWithoutTheTerminatingChunk() throws Exception {
    RawHttp.Response response = call.send(Fault.INTERRUPT);

    assertEquals(RawHttp.Ending.EOF, response.ending());
    assertEquals(names(PARTIAL, List.of()), SseText.names(response.body()));
  }

  @Test
  void noDoneEndsTheResponseCleanlyAfterEveryDeltaWithoutMessageDeltaOrMessageStop()
      throws Exception {
    RawHttp.Response response = call.send(Fault.NO_DONE);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    assertEquals(names(FRAGMENTS, List.of()), SseText.names(response.body()));
    assertEquals(0, mock.counters().streamsCompleted());
  }

  @Test
  void emptyAnswerSendsTheWholeEnvelopeWithoutAnyDeltaAndZeroOutputTokens() throws Exception {
    RawHttp.Response response = call.send(Fault.EMPTY_ANSWER);

    assertEquals(names(0, CLOSINGS), SseText.names(response.body()));
    List<SseText.Event> events = SseText.events(response.body());
    assertEquals(0, json(events.get(events.size() - 2)).get("usage").get("output_tokens").asInt());
  }

  @Test
  void malformedEventSendsADeltaWithBrokenJsonThenMessageStop() throws Exception {
    RawHttp.Response response = call.send(Fault.MALFORMED_EVENT);

    List<SseText.Event> events = SseText.events(response.body());
    assertEquals(names(PARTIAL + 1, List.of("message_stop")), SseText.names(response.body()));
    String broken = events.get(OPENINGS.size() + PARTIAL).data();
    assertTrue(broken.startsWith("{\"type\":\"content_block_delta\""), broken);
    assertThrows(IOException.class, () -> MockApi.JSON.readTree(broken));
  }

  @Test
  void finishFaultsMapToAnthropicsStopReasons() throws Exception {
    assertEquals("max_tokens", stopReason(call.send(Fault.FINISH_LENGTH)));
    assertEquals("refusal", stopReason(call.send(Fault.FINISH_CONTENT_FILTER)));
    assertEquals(
        "stop_sequence",
        stopReason(
            call.withHeaders(call.headersWith(StreamOverrides.FINISH_REASON, "stop_sequence"))
                .send()));
  }

  @Test
  void firstFragmentTimeoutSendsTheOpeningEventsIncludingPingThenSilence() throws Exception {
    RawHttp.Response response =
        call.sendAndWaitForSilence(Fault.FIRST_FRAGMENT_TIMEOUT, OPENINGS.size());

    assertEquals(RawHttp.Ending.TIMEOUT, response.ending());
    assertEquals(OPENINGS, SseText.names(response.body()));
  }

  @Test
  void stallSendsSomeDeltasThenSilence() throws Exception {
    RawHttp.Response response = call.sendAndWaitForSilence(Fault.STALL, OPENINGS.size() + PARTIAL);

    assertEquals(RawHttp.Ending.TIMEOUT, response.ending());
    assertEquals(names(PARTIAL, List.of()), SseText.names(response.body()));
  }

  @Test
  void xMockPingMsAddsPeriodicPingEventsBetweenTheOthers() throws Exception {
    Map<String, String> headers = new HashMap<>(HEADERS);
    headers.put(StreamOverrides.TTFT_MS, "400");
    headers.put(StreamOverrides.PING_MS, "50");

    RawHttp.Response response = call.withHeaders(headers).send();

    List<String> names = SseText.names(response.body());
    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    assertEquals("ping", names.get(OPENINGS.size()), "a periodic ping before the first delta");
    assertEquals(names(FRAGMENTS, CLOSINGS), withOneOpeningPing(names));
  }

  /** The names with every ping but the opening one left out. */
  private static List<String> withOneOpeningPing(List<String> names) {
    List<String> kept = new ArrayList<>(names.subList(0, OPENINGS.size()));
    names.subList(OPENINGS.size(), names.size()).stream()
        .filter(n -> !n.equals("ping"))
        .forEach(kept::add);
    return kept;
  }

  private static String stopReason(RawHttp.Response response) {
    List<SseText.Event> events = SseText.events(response.body());
    return json(events.get(events.size() - 2)).get("delta").get("stop_reason").asText();
  }

  private static List<String> names(int deltas, List<String> tail) {
    List<String> names = new ArrayList<>(OPENINGS);
    names.addAll(Collections.nCopies(deltas, "content_block_delta"));
    names.addAll(tail);
    return names;
  }

  private static String text(List<SseText.Event> events) {
    StringBuilder text = new StringBuilder();
    for (SseText.Event event : events) {
      if ("content_block_delta".equals(event.event())) {
        JsonNode delta = json(event).get("delta");
        assertEquals("text_delta", delta.get("type").asText());
        text.append(delta.get("text").asText());
      }
    }
    return text.toString();
  }

  private static JsonNode json(SseText.Event event) {
    return MockApi.json(event.data());
  }
}
