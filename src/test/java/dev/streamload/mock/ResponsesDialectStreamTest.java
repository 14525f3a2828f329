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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResponsesDialectStreamTest {

  private static final int FRAGMENTS = 4;

  /** Fragments written before a mid-stream fault acts: half the answer, rounded up. */
  private static final int PARTIAL = 2;

  private static final String DELTA = "response.output_text.delta";
  private static final Map<String, String> HEADERS = Map.of("Authorization", "Bearer mock-api-key");
  private static final String BODY =
      "{\"model\":\"gpt-test\",\"input\":\"Tell me three things\",\"stream\":true}";
  private static final List<String> OPENINGS =
      List.of(
          "response.created",
          "response.in_progress",
          "response.output_item.added",
          "response.content_part.added");
  private static final List<String> CLOSINGS =
      List.of(
          "response.output_text.done",
          "response.content_part.done",
          "response.output_item.done",
          "response.completed");

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
    call = new PresetCall(mock, "POST", "/v1/responses", HEADERS, BODY);
  }

  @AfterEach
  void stopMock() {
    mock.close();
  }

  @Test
  void streamsTheResponseLifecycleWithNumberedTypedEventsAndUsageInResponseCompleted()
      throws Exception {
    RawHttp.Response response = call.send();

    assertEquals(200, response.status());
    assertEquals("text/event-stream", response.header("content-type"));
    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    assertEquals(names(FRAGMENTS, CLOSINGS), SseText.names(response.body()));
    List<SseText.Event> events = SseText.events(response.body());
    for (int i = 0; i < events.size(); i++) {
      JsonNode data = json(events.get(i));
      assertEquals(events.get(i).event(), data.get("type").asText(), "type equals event name");
      assertEquals(i, data.get("sequence_number").asInt(), data.toString());
      assertFalse(events.get(i).data().contains("[DONE]"));
    }
    JsonNode created = json(events.get(0)).get("response");
    assertTrue(created.get("id").asText().startsWith("resp_"), created.toString());
    assertEquals("in_progress", created.get("status").asText());
    assertEquals("gpt-test", created.get("model").asText());
    StringBuilder text = new StringBuilder();
    for (SseText.Event event : events) {
      if (DELTA.equals(event.event())) {
        text.append(json(event).get("delta").asText());
      }
    }
    assertEquals(MockText.answer(FRAGMENTS), text.toString());
    assertEquals(
        MockText.answer(FRAGMENTS),
        json(events.get(OPENINGS.size() + FRAGMENTS)).get("text").asText());
    JsonNode completed = json(events.get(events.size() - 1)).get("response");
    assertEquals("completed", completed.get("status").asText());
    assertEquals(FRAGMENTS, completed.get("usage").get("output_tokens").asInt());
    assertEquals(4, completed.get("usage").get("input_tokens").asInt(), "the prompt's words");
    assertEquals(
        MockText.answer(FRAGMENTS),
        completed.get("output").get(0).get("content").get(0).get("text").asText());
    assertEquals(1, mock.counters().requests(MockEndpoint.STREAM_RESPONSES));
    assertEquals(1, mock.counters().streamsCompleted());
  }

  @Test
  void acceptsAnInputArrayOfMessages() throws Exception {
    RawHttp.Response response =
        call.withBody(
                "{\"model\":\"m\",\"stream\":true,"
                    + "\"input\":[{\"role\":\"user\",\"content\":\"one two\"}]}")
            .send();

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    List<SseText.Event> events = SseText.events(response.body());
    assertEquals(
        2,
        json(events.get(events.size() - 1))
            .get("response")
            .get("usage")
            .get("input_tokens")
            .asInt());
  }

  @Test
  void rejectsAWrongApiKeyWithAnOpenAiStyle401() throws Exception {
    RawHttp.Response response = call.withHeaders(Map.of("Authorization", "Bearer wrong")).send();

    assertEquals(401, response.status());
    assertEquals(
        "invalid_api_key", MockApi.json(response.body()).get("error").get("code").asText());
  }

  @Test
  void rejectsAMissingInputOrModelOrAStreamOtherThanTrueNamingTheParameter() throws Exception {
    assertMissing(call.withBody("{\"model\":\"m\",\"stream\":true}").send(), "input");
    assertMissing(call.withBody("{\"input\":\"hi\",\"stream\":true}").send(), "model");
    RawHttp.Response notStreaming = call.withBody("{\"model\":\"m\",\"input\":\"hi\"}").send();
    assertEquals(400, notStreaming.status());
    assertMentions(notStreaming.body(), "stream");
    assertEquals(3, mock.counters().badRequests());
    assertEquals(0, mock.counters().streamsStarted());
  }

  private static void assertMissing(RawHttp.Response response, String param) {
    assertEquals(400, response.status(), response.body());
    JsonNode error = MockApi.json(response.body()).get("error");
    assertEquals("invalid_request_error", error.get("type").asText());
    assertEquals(param, error.get("param").asText());
    assertEquals("missing_required_parameter", error.get("code").asText());
  }

  @Test
  void anHttpStatusFaultAnswersWithAnOpenAiErrorBody() throws Exception {
    RawHttp.Response response = call.send(Fault.HTTP_429);

    assertEquals(429, response.status());
    assertEquals(
        "rate_limit_error", MockApi.json(response.body()).get("error").get("type").asText());
  }

  @Test
  void errorEventSendsSomeDeltasThenAnErrorEventAndResponseFailed() throws Exception {
    RawHttp.Response response = call.send(Fault.ERROR_EVENT);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    assertEquals(
        names(PARTIAL, List.of("error", "response.failed")), SseText.names(response.body()));
    List<SseText.Event> events = SseText.events(response.body());
    assertEquals("server_error", json(events.get(events.size() - 2)).get("code").asText());
    JsonNode failed = json(events.get(events.size() - 1)).get("response");
    assertEquals("failed", failed.get("status").asText());
    assertTrue(failed.get("error").has("message"), failed.toString());
  }

  @Test
  void finishLengthEndsWithResponseIncompleteAndMaxOutputTokens() throws Exception {
    RawHttp.Response response = call.send(Fault.FINISH_LENGTH);

    List<String> names = SseText.names(response.body());
    assertEquals("response.incomplete", names.get(names.size() - 1));
    List<SseText.Event> events = SseText.events(response.body());
    JsonNode incomplete = json(events.get(events.size() - 1)).get("response");
    assertEquals("incomplete", incomplete.get("status").asText());
    assertEquals("max_output_tokens", incomplete.get("incomplete_details").get("reason").asText());
    assertEquals(FRAGMENTS, incomplete.get("usage").get("output_tokens").asInt());
  }

  @Test
  void finishContentFilterEndsWithResponseIncompleteAndContentFilter() throws Exception {
    List<SseText.Event> events = SseText.events(call.send(Fault.FINISH_CONTENT_FILTER).body());

    JsonNode incomplete = json(events.get(events.size() - 1)).get("response");
    assertEquals("content_filter", incomplete.get("incomplete_details").get("reason").asText());
  }

  @Test
  void interruptCutsTheConnectionAfterSomeDeltas() throws Exception {
    RawHttp.Response response = call.send(Fault.INTERRUPT);

    assertEquals(RawHttp.Ending.EOF, response.ending());
    assertEquals(names(PARTIAL, List.of()), SseText.names(response.body()));
  }

  @Test
  void noDoneEndsCleanlyAfterEveryDeltaWithoutResponseCompleted() throws Exception {
    RawHttp.Response response = call.send(Fault.NO_DONE);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    assertEquals(names(FRAGMENTS, List.of()), SseText.names(response.body()));
  }

  @Test
  void emptyAnswerSendsTheLifecycleWithoutAnyDelta() throws Exception {
    RawHttp.Response response = call.send(Fault.EMPTY_ANSWER);

    assertEquals(names(0, CLOSINGS), SseText.names(response.body()));
  }

  @Test
  void malformedEventSendsADeltaWithBrokenJsonThenResponseCompleted() throws Exception {
    RawHttp.Response response = call.send(Fault.MALFORMED_EVENT);

    assertEquals(names(PARTIAL + 1, List.of("response.completed")), SseText.names(response.body()));
    String broken = SseText.events(response.body()).get(OPENINGS.size() + PARTIAL).data();
    assertThrows(IOException.class, () -> MockApi.JSON.readTree(broken));
  }

  @Test
  void firstFragmentTimeoutSendsTheFourOpeningEventsThenSilence() throws Exception {
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

  private static List<String> names(int deltas, List<String> tail) {
    List<String> names = new ArrayList<>(OPENINGS);
    names.addAll(Collections.nCopies(deltas, DELTA));
    names.addAll(tail);
    return names;
  }

  private static JsonNode json(SseText.Event event) {
    return MockApi.json(event.data());
  }
}
