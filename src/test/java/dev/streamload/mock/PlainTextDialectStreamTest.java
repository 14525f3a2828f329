package dev.streamload.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlainTextDialectStreamTest {

  private static final int FRAGMENTS = 4;

  /** Fragments written before a mid-stream fault acts: half the answer, rounded up. */
  private static final int PARTIAL = 2;

  private MockChatServer mock;
  private PresetCall post;

  @BeforeEach
  void startMock() {
    mock =
        MockChatServer.start(
            MockSettings.defaults()
                .withTimeToFirstFragment(Duration.ofMillis(20))
                .withFragments(FRAGMENTS)
                .withGap(Duration.ofMillis(5)));
    post = new PresetCall(mock, "POST", "/flux/chat", Map.of(), "{\"message\":\"Hello\"}");
  }

  @AfterEach
  void stopMock() {
    mock.close();
  }

  @Test
  void streamsOneDataLineOfPlainTextPerFragmentWithoutASpaceAfterTheColonAndNoEndMarker()
      throws Exception {
    RawHttp.Response response = post.send();

    assertEquals(200, response.status());
    assertEquals("text/event-stream", response.header("content-type"));
    assertEquals(RawHttp.Ending.COMPLETE, response.ending(), "the chunked terminator arrived");
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < FRAGMENTS; i++) {
      expected.append("data:").append(MockText.fragment(i)).append("\n\n");
    }
    assertEquals(expected.toString(), response.body(), "byte for byte");
    assertEquals(1, mock.counters().requests(MockEndpoint.STREAM_PLAIN));
    assertEquals(1, mock.counters().streamsCompleted());
  }

  @Test
  void aGetWithAQueryServesTheSameStream() throws Exception {
    RawHttp.Response response =
        new PresetCall(mock, "GET", "/flux/chat?q=Hello", Map.of(), null).send();

    assertEquals(200, response.status());
    assertEquals(plain(FRAGMENTS), SseText.data(response.body()));
  }

  @Test
  void aCleanEndWritesTheChunkedTerminatorAndAnInterruptClosesWithoutIt() throws Exception {
    RawHttp.Response clean = post.send();
    RawHttp.Response cut = post.send(Fault.INTERRUPT);

    assertEquals(RawHttp.Ending.COMPLETE, clean.ending());
    assertEquals(RawHttp.Ending.EOF, cut.ending());
    assertEquals(plain(PARTIAL), SseText.data(cut.body()));
    assertEquals(1, mock.counters().streamsCompleted(), "only the clean one");
  }

  @Test
  void noDoneIsANormalAnswerOnTheWireBecausePlainTextHasNoEndMarker() throws Exception {
    RawHttp.Response normal = post.send();
    RawHttp.Response noDone = post.send(Fault.NO_DONE);

    assertEquals(normal.body(), noDone.body());
    assertEquals(RawHttp.Ending.COMPLETE, noDone.ending());
    assertEquals(2, mock.counters().streamsCompleted());
  }

  @Test
  void errorEventSendsSomeTextThenAnEventErrorWithTheMessage() throws Exception {
    RawHttp.Response response = post.send(Fault.ERROR_EVENT);

    List<SseText.Event> events = SseText.events(response.body());
    assertEquals(PARTIAL + 1, events.size());
    assertEquals("error", events.get(PARTIAL).event());
    assertEquals("mock overloaded", events.get(PARTIAL).data());
    for (SseText.Event event : events.subList(0, PARTIAL)) {
      assertNull(event.event());
    }
  }

  @Test
  void malformedEventSendsDataThatIsNotUtf8() throws Exception {
    RawHttp.Response response = post.send(Fault.MALFORMED_EVENT);

    List<String> data = SseText.data(response.body());
    assertEquals(PARTIAL + 1, data.size());
    assertTrue(data.get(PARTIAL).contains("\uFFFD"), "decoded with a replacement character");
  }

  @Test
  void emptyAnswerEndsTheResponseWithoutAnyEvent() throws Exception {
    RawHttp.Response response = post.send(Fault.EMPTY_ANSWER);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    assertEquals("", response.body());
  }

  @Test
  void anHttpStatusFaultAnswersWithSpringBootsErrorBody() throws Exception {
    RawHttp.Response response = post.send(Fault.HTTP_503);

    assertEquals(503, response.status());
    JsonNode body = MockApi.json(response.body());
    assertEquals(503, body.get("status").asInt());
    assertEquals("Service Unavailable", body.get("error").asText());
    assertEquals("/flux/chat", body.get("path").asText());
    assertTrue(body.has("timestamp"));
  }

  @Test
  void firstFragmentTimeoutAndStallGoSilent() throws Exception {
    RawHttp.Response timeout = post.sendAndWaitForSilence(Fault.FIRST_FRAGMENT_TIMEOUT, 0);
    RawHttp.Response stall = post.sendAndWaitForSilence(Fault.STALL, PARTIAL);

    assertEquals(RawHttp.Ending.TIMEOUT, timeout.ending());
    assertEquals("", timeout.body());
    assertEquals(RawHttp.Ending.TIMEOUT, stall.ending());
    assertEquals(plain(PARTIAL), SseText.data(stall.body()));
    assertFalse(stall.body().contains("event:"));
  }

  private static List<String> plain(int fragments) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < fragments; i++) {
      words.add(MockText.fragment(i));
    }
    return words;
  }
}
