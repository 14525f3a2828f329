package dev.streamload.mock;

import static dev.streamload.mock.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FaultInjectionTest {

  private static final int FRAGMENTS = 6;

  /** Fragments written before a mid-stream fault acts: half the answer, rounded up. */
  private static final int PARTIAL = 3;

  /** No byte for this long, after the server has written all it will, shows a silent stream. */
  private static final Duration SILENCE = Duration.ofMillis(1500);

  private static final String PATH = "/api/chat/stream";
  private static final String OPENAI_PATH = "/v1/chat/completions";

  private MockChatServer mock;
  private MockApi.StreamRequest request;

  @BeforeEach
  void startMock() throws Exception {
    mock = MockChatServer.start(settings());
    request = MockApi.defaultStreamRequest(mock);
  }

  @AfterEach
  void stopMock() {
    mock.close();
  }

  private static MockSettings settings() {
    return MockSettings.defaults()
        .withTimeToFirstFragment(Duration.ofMillis(20))
        .withFragments(FRAGMENTS)
        .withGap(Duration.ofMillis(5));
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"HTTP_401", "HTTP_403", "HTTP_429", "HTTP_400", "HTTP_500", "HTTP_503"})
  void anHttpStatusFaultAnswersThatStatusWithAJsonErrorAndIsCounted(Fault fault) throws Exception {
    RawHttp.Response response = stream(fault);

    assertEquals(fault.httpStatus(), response.status());
    assertEquals("application/json", response.header("content-type"));
    assertEquals(fault.wireName(), MockApi.json(response.body()).get("error").asText());
    assertEquals(1, mock.counters().faultsInjected(fault));
    assertEquals(0, mock.counters().streamsStarted());
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"HTTP_429", "HTTP_503"})
  void throttlingFaultsTellTheClientToRetryAfterOneSecond(Fault fault) throws Exception {
    assertEquals("1", stream(fault).header("retry-after"));
  }

  @Test
  void anHttpStatusFaultOnTheOpenAiDialectUsesAnOpenAiErrorBody() throws Exception {
    RawHttp.Response response = openAi(Fault.HTTP_429, true);

    assertEquals(429, response.status());
    JsonNode error = MockApi.json(response.body()).get("error");
    assertEquals("rate_limit_error", error.get("type").asText());
    assertEquals("http_429", error.get("code").asText());
  }

  @Test
  void wrongContentTypeAnswers200WithAJsonErrorInsteadOfAStream() throws Exception {
    RawHttp.Response response = stream(Fault.WRONG_CONTENT_TYPE);

    assertEquals(200, response.status());
    assertEquals("application/json", response.header("content-type"));
    assertEquals("server_error", MockApi.json(response.body()).get("error").get("type").asText());
    assertEquals(1, mock.counters().faultsInjected(Fault.WRONG_CONTENT_TYPE));
  }

  @Test
  void firstFragmentTimeoutSendsStreamHeadersThenNothingUntilTheClientCloses() throws Exception {
    try (RawHttp http = RawHttp.connect(mock.port())) {
      http.send("POST", PATH, with(Fault.FIRST_FRAGMENT_TIMEOUT), request.body());
      Poll.until("the stream started", Poll.GENEROUS, () -> mock.counters().streamsStarted() == 1);

      RawHttp.Response response = http.read(SILENCE);

      assertEquals(200, response.status());
      assertEquals("text/event-stream", response.header("content-type"));
      assertEquals(RawHttp.Ending.TIMEOUT, response.ending());
      assertEquals("", response.body());
    }
    Poll.until(
        "the abandoned stream is counted as aborted by the client",
        Poll.GENEROUS,
        () -> mock.counters().streamsAbortedByClient() == 1);
    assertEquals(1, mock.counters().faultsInjected(Fault.FIRST_FRAGMENT_TIMEOUT));
    assertEquals(0, mock.counters().streamsCompleted());
  }

  @Test
  void firstFragmentTimeoutOnTheOpenAiDialectSendsOnlyTheRoleChunk() throws Exception {
    try (RawHttp http = RawHttp.connect(mock.port())) {
      http.send(
          "POST",
          OPENAI_PATH,
          openAiHeaders(Fault.FIRST_FRAGMENT_TIMEOUT),
          MockApi.openAiBody("m", true, true));
      Poll.until("the role chunk is written", Poll.GENEROUS, () -> eventsWritten() == 1);

      RawHttp.Response response = http.read(SILENCE);

      assertEquals(RawHttp.Ending.TIMEOUT, response.ending());
      List<String> data = SseText.data(response.body());
      assertEquals(1, data.size(), data.toString());
      assertEquals(
          "assistant",
          MockApi.json(data.get(0)).get("choices").get(0).get("delta").get("role").asText());
    }
  }

  @Test
  void stallSendsSomeFragmentsThenSilenceUntilTheClientCloses() throws Exception {
    try (RawHttp http = RawHttp.connect(mock.port())) {
      http.send("POST", PATH, with(Fault.STALL), request.body());
      Poll.until("the partial answer is written", Poll.GENEROUS, () -> eventsWritten() == PARTIAL);

      RawHttp.Response response = http.read(SILENCE);

      assertEquals(200, response.status());
      assertEquals(RawHttp.Ending.TIMEOUT, response.ending());
      assertEquals(deltas(PARTIAL), SseText.data(response.body()));
    }
    Poll.until(
        "the stalled stream is counted as aborted by the client",
        Poll.GENEROUS,
        () -> mock.counters().streamsAbortedByClient() == 1);
    assertEquals(1, mock.counters().faultsInjected(Fault.STALL));
  }

  @Test
  void interruptCutsTheConnectionMidStreamWithoutTheTerminatingChunk() throws Exception {
    // The login and conversation connections close on their own, but the mock may count them as
    // open for a moment after they answered; start from a known zero, not from a moving count.
    Poll.until(
        "the login and conversation connections are closed",
        Poll.GENEROUS,
        () -> mock.counters().openConnections() == 0,
        this::connectionCounts);
    long acceptedBefore = mock.counters().connectionsAccepted();
    try (RawHttp http = RawHttp.connect(mock.port())) {
      RawHttp.Response response =
          http.exchange("POST", PATH, with(Fault.INTERRUPT), request.body(), Poll.GENEROUS);

      assertEquals(200, response.status());
      assertEquals(RawHttp.Ending.EOF, response.ending());
      assertEquals(deltas(PARTIAL), SseText.data(response.body()));
      assertEquals(
          acceptedBefore + 1,
          mock.counters().connectionsAccepted(),
          () -> "only this client's connection: " + connectionCounts());
      Poll.until(
          "the server closed the connection while the client still held it",
          Poll.GENEROUS,
          () -> mock.counters().openConnections() == 0,
          this::connectionCounts);
    }
    assertEquals(1, mock.counters().faultsInjected(Fault.INTERRUPT));
    assertEquals(0, mock.counters().streamsCompleted());
    assertEquals(0, mock.counters().streamsAbortedByClient(), "the server cut it, not the client");
  }

  @Test
  void noDoneEndsTheResponseCleanlyAfterAllFragmentsWithoutDone() throws Exception {
    try (RawHttp http = RawHttp.connect(mock.port())) {
      RawHttp.Response response =
          http.exchange("POST", PATH, with(Fault.NO_DONE), request.body(), Poll.GENEROUS);

      assertEquals(RawHttp.Ending.COMPLETE, response.ending());
      assertEquals(deltas(FRAGMENTS), SseText.data(response.body()));

      RawHttp.Response next =
          http.exchange("POST", PATH, request.headers(), request.body(), Poll.GENEROUS);
      assertEquals(RawHttp.Ending.COMPLETE, next.ending(), "the connection is kept alive");
    }
    assertEquals(1, mock.counters().faultsInjected(Fault.NO_DONE));
    assertEquals(1, mock.counters().streamsCompleted(), "only the second stream wrote [DONE]");
  }

  @Test
  void emptyAnswerSendsDoneWithoutAnyTextFragment() throws Exception {
    RawHttp.Response response = stream(Fault.EMPTY_ANSWER);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    assertEquals(
        List.of("{\"usage\":{\"output_tokens\":0},\"finish_reason\":\"stop\"}", "[DONE]"),
        SseText.data(response.body()));
    assertEquals(1, mock.counters().faultsInjected(Fault.EMPTY_ANSWER));
  }

  @Test
  void emptyAnswerOnTheOpenAiDialectSendsRoleAndFinishChunksButNoContent() throws Exception {
    RawHttp.Response response = openAi(Fault.EMPTY_ANSWER, true);

    List<String> data = SseText.data(response.body());
    assertEquals("[DONE]", data.get(data.size() - 1));
    for (String chunk : data.subList(0, data.size() - 1)) {
      JsonNode choices = MockApi.json(chunk).get("choices");
      if (choices.size() > 0) {
        assertEquals("", choices.get(0).get("delta").path("content").asText(""), chunk);
      }
    }
    assertEquals(
        "stop",
        MockApi.json(data.get(1)).get("choices").get(0).get("finish_reason").asText(),
        data.toString());
    assertEquals(
        0,
        MockApi.json(data.get(2)).get("usage").get("completion_tokens").asInt(),
        data.toString());
  }

  @Test
  void errorEventSendsSomeFragmentsThenAnInStreamErrorThenEnds() throws Exception {
    RawHttp.Response response = stream(Fault.ERROR_EVENT);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    List<String> expected = new ArrayList<>(deltas(PARTIAL));
    expected.add("{\"error\":{\"message\":\"mock overloaded\",\"type\":\"server_error\"}}");
    assertEquals(expected, SseText.data(response.body()));
    assertEquals(1, mock.counters().faultsInjected(Fault.ERROR_EVENT));
    assertEquals(0, mock.counters().streamsCompleted());
  }

  @Test
  void malformedEventSendsSomeFragmentsThenBrokenJsonThenDone() throws Exception {
    RawHttp.Response response = stream(Fault.MALFORMED_EVENT);

    List<String> data = SseText.data(response.body());
    assertEquals(deltas(PARTIAL), data.subList(0, PARTIAL));
    assertEquals(PARTIAL + 2, data.size(), data.toString());
    String broken = data.get(PARTIAL);
    assertThrows(UncheckedIOException.class, () -> MockApi.json(broken), broken);
    assertEquals("[DONE]", data.get(PARTIAL + 1));
    assertEquals(1, mock.counters().faultsInjected(Fault.MALFORMED_EVENT));
  }

  @Test
  void malformedEventOnTheOpenAiDialectIsAlsoBrokenJson() throws Exception {
    RawHttp.Response response = openAi(Fault.MALFORMED_EVENT, false);

    List<String> data = SseText.data(response.body());
    String broken = data.get(data.size() - 2);
    assertThrows(UncheckedIOException.class, () -> MockApi.json(broken), broken);
  }

  @Test
  void connectionResetClosesTheConnectionWithoutAnyResponseByte() throws Exception {
    RawHttp.Response response = stream(Fault.CONNECTION_RESET);

    assertEquals(0, response.status());
    assertEquals("", response.body());
    assertTrue(
        response.ending() == RawHttp.Ending.RESET || response.ending() == RawHttp.Ending.EOF,
        response.ending().toString());
    assertEquals(1, mock.counters().faultsInjected(Fault.CONNECTION_RESET));
    assertEquals(0, mock.counters().streamsStarted());
  }

  @Test
  void theRunWideFaultMixAppliesWhenNoFaultHeaderIsGiven() throws Exception {
    mock.close();
    mock = MockChatServer.start(settings().withFaultMix(FaultMix.parse("http_503=1.0")));
    request = MockApi.defaultStreamRequest(mock);

    RawHttp.Response response = stream(request.headers());

    assertEquals(503, response.status());
    assertEquals(1, mock.counters().faultsInjected(Fault.HTTP_503));
  }

  @Test
  void aFaultHeaderOfNoneOverridesTheRunWideFaultMix() throws Exception {
    mock.close();
    mock = MockChatServer.start(settings().withFaultMix(FaultMix.parse("http_503=1.0")));
    request = MockApi.defaultStreamRequest(mock);

    RawHttp.Response response = stream(Fault.NONE);

    assertEquals(200, response.status());
    assertTrue(response.body().endsWith("data: [DONE]\n\n"), response.body());
    assertEquals(0, mock.counters().faultsInjected(Fault.HTTP_503));
  }

  @Test
  void streamOnlyFaultsDoNotApplyToAPlainJsonCompletion() throws Exception {
    RawHttp.Response response = openAi(Fault.STALL, false, false);

    assertEquals(200, response.status());
    assertEquals("application/json", response.header("content-type"));
    assertEquals(0, mock.counters().faultsInjected(Fault.STALL));
  }

  @Test
  void statsReportEveryInjectedFaultByWireName() throws Exception {
    stream(Fault.HTTP_500);
    stream(Fault.EMPTY_ANSWER);

    JsonNode faults = MockApi.json(MockApi.get(mock, "/admin/stats").body()).get("faultsInjected");

    assertEquals(1, faults.get("http_500").asInt());
    assertEquals(1, faults.get("empty_answer").asInt());
    assertEquals(0, faults.get("stall").asInt());
    assertFalse(faults.has("none"));
    assertMentions(faults.toString(), "connection_reset", "malformed_event");
  }

  /** The connection gauges, then every count, for a failure message. */
  private String connectionCounts() {
    MockCounters counters = mock.counters();
    return "openConnections="
        + counters.openConnections()
        + " (want 0), connectionsAccepted="
        + counters.connectionsAccepted()
        + ", all counts: "
        + counters;
  }

  private long eventsWritten() {
    return mock.counters().eventsWritten();
  }

  private static List<String> deltas(int count) {
    List<String> deltas = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      deltas.add("{\"delta\":\"" + MockText.fragment(i) + "\"}");
    }
    return deltas;
  }

  private Map<String, String> with(Fault fault) {
    Map<String, String> headers = new HashMap<>(request.headers());
    headers.put("X-Mock-Fault", fault.wireName());
    return headers;
  }

  private static Map<String, String> openAiHeaders(Fault fault) {
    return Map.of("Authorization", "Bearer mock-api-key", "X-Mock-Fault", fault.wireName());
  }

  private RawHttp.Response stream(Fault fault) throws IOException {
    return stream(with(fault));
  }

  private RawHttp.Response stream(Map<String, String> headers) throws IOException {
    try (RawHttp http = RawHttp.connect(mock.port())) {
      return http.exchange("POST", PATH, headers, request.body(), Poll.GENEROUS);
    }
  }

  private RawHttp.Response openAi(Fault fault, boolean includeUsage) throws IOException {
    return openAi(fault, includeUsage, true);
  }

  private RawHttp.Response openAi(Fault fault, boolean includeUsage, boolean streaming)
      throws IOException {
    try (RawHttp http = RawHttp.connect(mock.port())) {
      return http.exchange(
          "POST",
          OPENAI_PATH,
          openAiHeaders(fault),
          MockApi.openAiBody("m", streaming, includeUsage),
          Poll.GENEROUS);
    }
  }
}
