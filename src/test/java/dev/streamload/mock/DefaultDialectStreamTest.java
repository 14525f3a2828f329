package dev.streamload.mock;

import static dev.streamload.mock.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DefaultDialectStreamTest {

  private static final int FRAGMENTS = 5;
  private static final String PATH = "/api/chat/stream";

  private MockChatServer mock;
  private MockApi.StreamRequest request;

  @BeforeEach
  void startMock() throws Exception {
    mock =
        MockChatServer.start(
            MockSettings.defaults()
                .withTimeToFirstFragment(Duration.ofMillis(20))
                .withFragments(FRAGMENTS)
                .withGap(Duration.ofMillis(5)));
    request = MockApi.defaultStreamRequest(mock);
  }

  @AfterEach
  void stopMock() {
    mock.close();
  }

  @Test
  void streamsTheFragmentsThenUsageThenDoneAsAnEventStream() throws Exception {
    RawHttp.Response response = stream(request.headers());

    assertEquals(200, response.status());
    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    assertEquals("text/event-stream", response.header("content-type"));
    assertEquals("no-cache", response.header("cache-control"));
    assertEquals("chunked", response.header("transfer-encoding"));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < FRAGMENTS; i++) {
      expected.add("{\"delta\":\"" + MockText.fragment(i) + "\"}");
    }
    expected.add("{\"usage\":{\"output_tokens\":" + FRAGMENTS + "},\"finish_reason\":\"stop\"}");
    expected.add("[DONE]");
    assertEquals(expected, SseText.data(response.body()));
  }

  @Test
  void everyFragmentIsValidJsonWithATextDelta() throws Exception {
    RawHttp.Response response = stream(request.headers());

    StringBuilder text = new StringBuilder();
    for (String data : SseText.data(response.body())) {
      if (!data.equals("[DONE]") && MockApi.json(data).has("delta")) {
        text.append(MockApi.json(data).get("delta").asText());
      }
    }
    assertEquals(MockText.answer(FRAGMENTS), text.toString());
  }

  @Test
  void countsTheStreamAsStartedAndCompletedWithEveryEventWritten() throws Exception {
    stream(request.headers());

    assertEquals(1, mock.counters().requests(MockEndpoint.STREAM_DEFAULT));
    assertEquals(1, mock.counters().streamsStarted());
    assertEquals(1, mock.counters().streamsCompleted());
    assertEquals(FRAGMENTS + 2, mock.counters().eventsWritten());
    assertEquals(0, mock.counters().streamsAbortedByClient());
  }

  @Test
  void headersOverrideTheFragmentCountPerRequest() throws Exception {
    RawHttp.Response response = stream(with(request.headers(), "X-Mock-Fragments", "2"));

    List<String> data = SseText.data(response.body());
    assertEquals(4, data.size(), data.toString());
    assertEquals("{\"usage\":{\"output_tokens\":2},\"finish_reason\":\"stop\"}", data.get(2));
  }

  @Test
  void headersOverrideTimingsPerRequest() throws Exception {
    Map<String, String> headers = with(request.headers(), "X-Mock-Ttft-Ms", "0");
    headers.put("X-Mock-Gap-Ms", "0");

    RawHttp.Response response = stream(headers);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    assertEquals(FRAGMENTS + 2, SseText.data(response.body()).size());
  }

  @Test
  void aRetryHeaderAddsARetryFieldToTheFirstEventOnly() throws Exception {
    RawHttp.Response response = stream(with(request.headers(), "X-Mock-Retry-Ms", "1500"));

    List<SseText.Event> events = SseText.events(response.body());
    assertEquals("1500", events.get(0).retry());
    assertEquals("{\"delta\":\"" + MockText.fragment(0) + "\"}", events.get(0).data());
    for (SseText.Event event : events.subList(1, events.size())) {
      assertNull(event.retry());
    }
  }

  @Test
  void anInvalidOverrideHeaderIsABadRequestNamingHeaderAndValue() throws Exception {
    RawHttp.Response response = stream(with(request.headers(), "X-Mock-Gap-Ms", "fast"));

    assertEquals(400, response.status());
    assertEquals("application/json", response.header("content-type"));
    assertMentions(response.body(), "X-Mock-Gap-Ms", "fast");
  }

  @Test
  void anUnknownFaultHeaderIsABadRequestListingTheAllowedFaults() throws Exception {
    RawHttp.Response response = stream(with(request.headers(), "X-Mock-Fault", "explode"));

    assertEquals(400, response.status());
    assertMentions(response.body(), "X-Mock-Fault", "explode", "interrupt");
    assertEquals(1, mock.counters().badRequests(), "counted as the mock's own bad request");
    assertMentions(mock.counters().lastBadRequest(), "X-Mock-Fault", "explode", "interrupt");
    assertEquals(0, mock.counters().faultsInjected(Fault.HTTP_400), "not an injected fault");
  }

  @Test
  void aStreamWithoutATokenIsRejectedWith401() throws Exception {
    RawHttp.Response response = stream(Map.of());

    assertEquals(401, response.status());
    assertEquals("application/json", response.header("content-type"));
    assertEquals(0, mock.counters().streamsStarted());
  }

  @Test
  void aStreamForAnUnknownConversationIsRejectedWith404() throws Exception {
    try (RawHttp http = RawHttp.connect(mock.port())) {
      RawHttp.Response response =
          http.exchange(
              "POST",
              PATH,
              request.headers(),
              "{\"conversationId\":\"conv-999\",\"prompt\":\"hi\"}",
              Poll.GENEROUS);

      assertEquals(404, response.status());
      assertMentions(response.body(), "conversation_not_found", "conv-999");
    }
  }

  @Test
  void aStreamForAnotherUsersConversationIsRejectedWith404() throws Exception {
    String otherToken = MockApi.login(mock, "user2", "pass-2");

    RawHttp.Response response = stream(Map.of("Authorization", "Bearer " + otherToken));

    assertEquals(404, response.status());
  }

  @Test
  void theConnectionStaysOpenForTheNextRequestAfterAStream() throws Exception {
    long acceptedBefore = mock.counters().connectionsAccepted();
    try (RawHttp http = RawHttp.connect(mock.port())) {
      for (int i = 0; i < 3; i++) {
        RawHttp.Response response =
            http.exchange("POST", PATH, request.headers(), request.body(), Poll.GENEROUS);
        assertEquals(RawHttp.Ending.COMPLETE, response.ending());
        assertTrue(response.body().endsWith("data: [DONE]\n\n"), response.body());
      }
    }
    assertEquals(3, mock.counters().streamsCompleted());
    assertEquals(1, mock.counters().connectionsAccepted() - acceptedBefore);
  }

  @Test
  void pipelinedRequestsAreServedInOrderAfterTheRunningStream() throws Exception {
    try (RawHttp http = RawHttp.connect(mock.port())) {
      http.send("POST", PATH, request.headers(), request.body());
      http.send("POST", PATH, with(request.headers(), "X-Mock-Fragments", "1"), request.body());

      RawHttp.Response first = http.read(Poll.GENEROUS);
      RawHttp.Response second = http.read(Poll.GENEROUS);

      assertEquals(FRAGMENTS + 2, SseText.data(first.body()).size());
      assertEquals(3, SseText.data(second.body()).size());
      assertEquals(RawHttp.Ending.COMPLETE, second.ending());
    }
  }

  @Test
  void aRequestAskingToCloseGetsItsStreamThenTheConnectionCloses() throws Exception {
    try (RawHttp http = RawHttp.connect(mock.port())) {
      RawHttp.Response response =
          http.exchange(
              "POST",
              PATH,
              with(request.headers(), "Connection", "close"),
              request.body(),
              Poll.GENEROUS);

      assertEquals(RawHttp.Ending.COMPLETE, response.ending());
      assertTrue(response.body().endsWith("data: [DONE]\n\n"), response.body());
      assertTrue(http.closedByServer(Poll.GENEROUS));
    }
  }

  private RawHttp.Response stream(Map<String, String> headers) throws Exception {
    try (RawHttp http = RawHttp.connect(mock.port())) {
      return http.exchange("POST", PATH, headers, request.body(), Poll.GENEROUS);
    }
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> copy = new HashMap<>(headers);
    copy.put(name, value);
    return copy;
  }
}
