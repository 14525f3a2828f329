package dev.streamload.mock;

import static dev.streamload.mock.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CumulativeDialectStreamTest {

  private static final int FRAGMENTS = 4;

  /** Fragments written before a mid-stream fault acts: half the answer, rounded up. */
  private static final int PARTIAL = 2;

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
    call =
        new PresetCall(
            mock, "GET", "/chat/stream?q=Tell%20me", Map.of("Accept", "text/event-stream"), null);
  }

  @AfterEach
  void stopMock() {
    mock.close();
  }

  @Test
  void eachEventHoldsTheWholeAnswerSoFarThenADoneEventWithUsageEndsTheStream() throws Exception {
    RawHttp.Response response = call.send();

    assertEquals(200, response.status());
    assertEquals("text/event-stream", response.header("content-type"));
    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    List<SseText.Event> events = SseText.events(response.body());
    assertEquals(FRAGMENTS + 1, events.size());
    for (int i = 0; i < FRAGMENTS; i++) {
      assertNull(events.get(i).event(), "a default message event");
      assertEquals(MockText.answer(i + 1), MockApi.json(events.get(i).data()).get("text").asText());
    }
    SseText.Event done = events.get(FRAGMENTS);
    assertEquals("done", done.event());
    JsonNode data = MockApi.json(done.data());
    assertEquals("stop", data.get("finish_reason").asText());
    assertEquals(FRAGMENTS, data.get("usage").get("output_tokens").asInt());
    assertEquals(1, mock.counters().requests(MockEndpoint.STREAM_CUMULATIVE));
    assertEquals(1, mock.counters().streamsCompleted());
  }

  @Test
  void aRequestWithoutQIsABadRequestNamingIt() throws Exception {
    RawHttp.Response response = call.withPath("/chat/stream").send();

    assertEquals(400, response.status());
    assertMentions(MockApi.json(response.body()).get("message").asText(), "q");
    assertEquals(1, mock.counters().badRequests());
  }

  @Test
  void finishLengthSetsTheDoneEventsFinishReason() throws Exception {
    List<SseText.Event> events = SseText.events(call.send(Fault.FINISH_LENGTH).body());

    assertEquals(
        "length", MockApi.json(events.get(FRAGMENTS).data()).get("finish_reason").asText());
  }

  @Test
  void interruptCutsTheConnectionAfterSomeCumulativeEvents() throws Exception {
    RawHttp.Response response = call.send(Fault.INTERRUPT);

    assertEquals(RawHttp.Ending.EOF, response.ending());
    List<String> data = SseText.data(response.body());
    assertEquals(PARTIAL, data.size());
    assertEquals(
        MockText.answer(PARTIAL), MockApi.json(data.get(PARTIAL - 1)).get("text").asText());
  }

  @Test
  void noDoneEndsCleanlyWithoutTheDoneEvent() throws Exception {
    RawHttp.Response response = call.send(Fault.NO_DONE);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    assertEquals(FRAGMENTS, SseText.events(response.body()).size());
  }

  @Test
  void errorEventSendsAnEventErrorAfterSomeText() throws Exception {
    List<SseText.Event> events = SseText.events(call.send(Fault.ERROR_EVENT).body());

    assertEquals(PARTIAL + 1, events.size());
    assertEquals("error", events.get(PARTIAL).event());
    assertEquals(
        "server_error", MockApi.json(events.get(PARTIAL).data()).get("error").get("type").asText());
  }

  @Test
  void malformedEventSendsTheTextSoFarAsBrokenJsonThenDone() throws Exception {
    List<SseText.Event> events = SseText.events(call.send(Fault.MALFORMED_EVENT).body());

    assertEquals(PARTIAL + 2, events.size());
    assertThrows(IOException.class, () -> MockApi.JSON.readTree(events.get(PARTIAL).data()));
    assertEquals("done", events.get(PARTIAL + 1).event());
  }

  @Test
  void emptyAnswerSendsOnlyDone() throws Exception {
    List<SseText.Event> events = SseText.events(call.send(Fault.EMPTY_ANSWER).body());

    assertEquals(1, events.size());
    assertEquals("done", events.get(0).event());
  }

  @Test
  void anHttpStatusFaultAnswersWithAJsonError() throws Exception {
    RawHttp.Response response = call.send(Fault.HTTP_500);

    assertEquals(500, response.status());
    assertEquals("http_500", MockApi.json(response.body()).get("error").asText());
  }

  @Test
  void firstFragmentTimeoutAndStallGoSilent() throws Exception {
    RawHttp.Response timeout = call.sendAndWaitForSilence(Fault.FIRST_FRAGMENT_TIMEOUT, 0);
    RawHttp.Response stall = call.sendAndWaitForSilence(Fault.STALL, PARTIAL);

    assertEquals(RawHttp.Ending.TIMEOUT, timeout.ending());
    assertEquals("", timeout.body());
    assertEquals(RawHttp.Ending.TIMEOUT, stall.ending());
    assertEquals(PARTIAL, SseText.events(stall.body()).size());
  }
}
