package dev.streamload.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FailureClassifierTest {

  private static final StreamLimits LIMITS =
      new StreamLimits(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(60));
  private static final String SSE = "text/event-stream";
  private static final long SHORT = Duration.ofMillis(50).toNanos();
  private static final long LONG = Duration.ofSeconds(6).toNanos();

  /** A clean stream: headers, 10 text fragments, end marker, short gaps. */
  private static StreamFacts healthy() {
    return new StreamFacts(true, 10, 12, false, false, true, false, SHORT);
  }

  private static Optional<FailureClass> classify(Termination t, int status, StreamFacts f) {
    return FailureClassifier.classify(t, status, SSE, f, LIMITS);
  }

  private static StreamFacts with(
      boolean error, boolean malformed, boolean marker, boolean replayed, long silence, int text) {
    return new StreamFacts(true, text, text + 2, error, malformed, marker, replayed, silence);
  }

  @Test
  void succeedsOnlyWithMarkerTextAndNoBadEvent() {
    assertEquals(Optional.empty(), classify(Termination.END_MARKER_RECEIVED, 200, healthy()));
  }

  @ParameterizedTest
  @CsvSource({
    "END_MARKER_RECEIVED, ",
    "CONNECT_FAILED, connect_failure",
    "HTTP_STATUS, no_end_marker",
    "FIRST_FRAGMENT_TIMEOUT, first_fragment_timeout",
    "STREAM_TIMEOUT, stream_timeout",
    "IDLE_TIMEOUT, stalled",
    "ENDED_WITHOUT_MARKER, no_end_marker",
    "CONNECTION_CUT, interrupted",
    "REPLAY_DETECTED, replayed",
    "ABORTED, interrupted"
  })
  void mapsEveryTerminationOfAnOtherwiseHealthyStreamWithoutMarker(
      Termination termination, String expected) {
    StreamFacts noMarker =
        termination == Termination.END_MARKER_RECEIVED
            ? healthy()
            : with(false, false, false, false, SHORT, 10);
    assertEquals(
        Optional.ofNullable(expected).map(FailureClass::fromWireName),
        classify(termination, 200, noMarker));
  }

  @ParameterizedTest
  @CsvSource({
    "401, http_401",
    "403, http_403",
    "429, http_429",
    "400, http_4xx",
    "404, http_4xx",
    "302, http_4xx",
    "101, http_4xx",
    "199, http_4xx",
    "300, http_4xx",
    "500, http_5xx",
    "503, http_5xx",
    "504, http_5xx"
  })
  void mapsStatusCodesToTheirClasses(int status, String expected) {
    StreamFacts noEvents = new StreamFacts(true, 0, 0, false, false, false, false, 0);
    assertEquals(
        Optional.of(FailureClass.fromWireName(expected)),
        classify(Termination.HTTP_STATUS, status, noEvents));
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 204, 299})
  void anyTwoHundredStatusOfAHealthyStreamIsASuccess(int status) {
    assertEquals(Optional.empty(), classify(Termination.END_MARKER_RECEIVED, status, healthy()));
  }

  @Test
  void anUnknownStatusOrContentTypeIsNotJudged() {
    assertEquals(Optional.empty(), classify(Termination.END_MARKER_RECEIVED, -1, healthy()));
    assertEquals(
        Optional.empty(),
        FailureClassifier.classify(Termination.END_MARKER_RECEIVED, 200, null, healthy(), LIMITS));
  }

  @Test
  void flagsA200WithAJsonBodyAsWrongContentType() {
    StreamFacts noEvents = new StreamFacts(true, 0, 0, false, false, false, false, 0);
    assertEquals(
        Optional.of(FailureClass.WRONG_CONTENT_TYPE),
        FailureClassifier.classify(
            Termination.HTTP_STATUS, 200, "application/json", noEvents, LIMITS));
  }

  @Test
  void acceptsEventStreamWithParametersAndAnyCase() {
    assertTrue(FailureClassifier.isEventStream(" Text/Event-Stream ; charset=UTF-8"));
    assertFalse(FailureClassifier.isEventStream("text/event-streams"));
  }

  @Test
  void doesNotJudgeAnUnknownContentType() {
    assertEquals(
        Optional.empty(),
        FailureClassifier.classify(Termination.END_MARKER_RECEIVED, 200, null, healthy(), LIMITS));
  }

  @Test
  void emptyAnswerNeedsTheMarkerAndNoText() {
    assertEquals(
        Optional.of(FailureClass.EMPTY_ANSWER),
        classify(Termination.END_MARKER_RECEIVED, 200, with(false, false, true, false, SHORT, 0)));
  }

  @Test
  void trustsTheLoadToolsMarkerWhenTheRecorderMissedIt() {
    assertEquals(
        Optional.empty(),
        classify(Termination.END_MARKER_RECEIVED, 200, with(false, false, false, false, SHORT, 3)));
  }

  @Test
  void ignoresACutAfterTheMarker() {
    assertEquals(
        Optional.empty(),
        classify(Termination.CONNECTION_CUT, 200, with(false, false, true, false, SHORT, 3)));
  }

  @Test
  void appliesTheDocumentedPrecedenceFromTopToBottom() {
    // Each step removes the winning cause; the next class in the documented order must appear.
    StreamFacts all = with(true, true, false, true, LONG, 0);
    assertEquals(
        FailureClass.CONNECT_FAILURE,
        FailureClassifier.classify(Termination.CONNECT_FAILED, 503, "text/html", all, LIMITS)
            .orElseThrow());
    assertEquals(
        FailureClass.HTTP_5XX,
        FailureClassifier.classify(Termination.CONNECTION_CUT, 503, "text/html", all, LIMITS)
            .orElseThrow());
    assertEquals(
        FailureClass.WRONG_CONTENT_TYPE,
        FailureClassifier.classify(Termination.CONNECTION_CUT, 200, "text/html", all, LIMITS)
            .orElseThrow());
    assertEquals(
        FailureClass.ERROR_EVENT, classify(Termination.CONNECTION_CUT, 200, all).orElseThrow());
    assertEquals(
        FailureClass.MALFORMED_EVENT,
        classify(Termination.CONNECTION_CUT, 200, with(false, true, false, true, LONG, 0))
            .orElseThrow());
    assertEquals(
        FailureClass.REPLAYED,
        classify(Termination.FIRST_FRAGMENT_TIMEOUT, 200, with(false, false, false, true, LONG, 0))
            .orElseThrow());
    assertEquals(
        FailureClass.FIRST_FRAGMENT_TIMEOUT,
        classify(Termination.FIRST_FRAGMENT_TIMEOUT, 200, with(false, false, false, false, LONG, 0))
            .orElseThrow());
    assertEquals(
        FailureClass.STALLED,
        classify(Termination.CONNECTION_CUT, 200, with(false, false, false, false, LONG, 0))
            .orElseThrow());
    assertEquals(
        FailureClass.INTERRUPTED,
        classify(Termination.CONNECTION_CUT, 200, with(false, false, false, false, SHORT, 0))
            .orElseThrow());
    assertEquals(
        FailureClass.STREAM_TIMEOUT,
        classify(Termination.STREAM_TIMEOUT, 200, with(false, false, false, false, SHORT, 0))
            .orElseThrow());
    assertEquals(
        FailureClass.NO_END_MARKER,
        classify(Termination.ENDED_WITHOUT_MARKER, 200, with(false, false, false, false, SHORT, 0))
            .orElseThrow());
    assertEquals(
        FailureClass.EMPTY_ANSWER,
        classify(Termination.END_MARKER_RECEIVED, 200, with(false, false, true, false, SHORT, 0))
            .orElseThrow());
  }

  @Test
  void treatsASilenceOfExactlyTheIdleTimeoutAsStalledAndOneNanosecondLessAsNot() {
    long idle = LIMITS.idleTimeoutNanos();
    assertEquals(
        Optional.of(FailureClass.STALLED),
        classify(Termination.END_MARKER_RECEIVED, 200, with(false, false, true, false, idle, 3)));
    assertEquals(
        Optional.empty(),
        classify(
            Termination.END_MARKER_RECEIVED, 200, with(false, false, true, false, idle - 1, 3)));
  }

  @Test
  void aStreamTheWatchEndedForSilenceIsStalledWhateverSilenceTheFactsShow() {
    assertEquals(
        Optional.of(FailureClass.STALLED),
        classify(Termination.IDLE_TIMEOUT, 200, with(false, false, false, false, SHORT, 3)));
  }

  @ParameterizedTest
  @EnumSource(FailureClass.class)
  void givesEveryClassAStableLowercaseWireName(FailureClass c) {
    assertEquals(c.name().toLowerCase(java.util.Locale.ROOT), c.wireName());
    assertEquals(c, FailureClass.fromWireName(c.wireName()));
  }

  @Test
  void usesDistinctWireNames() {
    Set<String> names = new HashSet<>();
    for (FailureClass c : FailureClass.values()) {
      assertTrue(names.add(c.wireName()));
    }
    assertEquals(22, names.size());
  }
}
