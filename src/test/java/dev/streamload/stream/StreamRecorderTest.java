package dev.streamload.stream;

import static dev.streamload.stream.RecordedStreams.MS;
import static dev.streamload.stream.RecordedStreams.SEND;
import static dev.streamload.stream.RecordedStreams.at;
import static dev.streamload.stream.RecordedStreams.replay;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamRecorderTest {

  @Test
  void timesANormalDefaultDialectStream() {
    StreamRecorder r = replay(StreamDialect.projectDefault(), RecordedStreams.DEFAULT_NORMAL);
    StreamResult s = r.finish(at(202), Termination.END_MARKER_RECEIVED, null);

    assertTrue(s.ok(), () -> "failure " + s.failure() + " " + s.detail());
    assertEquals(200, s.status());
    assertEquals(60 * MS, s.timeToHeadersNanos());
    assertEquals(120 * MS, s.ttftNanos());
    assertEquals(201 * MS, s.e2eNanos());
    assertEquals(5 * MS, s.scheduleLagNanos());
    assertEquals(125 * MS, s.ttftFromScheduleNanos());
    assertEquals(3, s.fragments());
    assertEquals(5, s.events());
    assertEquals(12, s.textChars());
    assertEquals(3, s.outputTokens());
    assertEquals(TokenSource.USAGE, s.tokenSource());
    assertArrayEquals(new long[] {30 * MS, 40 * MS}, s.gapsNanos());
    assertEquals(70 * MS / 2, s.tpotNanos());
    assertEquals(81 * MS, s.eventNanos()[4] - s.eventNanos()[0]);
    assertEquals(at(202), s.finishNanos());
    assertNull(s.detail());
  }

  @Test
  void doesNotCountARoleOnlyChunkAsFirstToken() {
    StreamResult s =
        replay(StreamDialect.openAi(), RecordedStreams.OPENAI_WITH_USAGE)
            .finish(at(173), Termination.END_MARKER_RECEIVED, null);

    assertTrue(s.ok());
    assertEquals(130 * MS, s.ttftNanos());
    assertEquals(at(160), s.lastTextNanos());
    assertEquals(2, s.fragments());
    assertEquals(6, s.events());
    assertEquals(at(172), s.endNanos());
  }

  @Test
  void usesTheUsageChunkAfterTheLastTextForOutputTokens() {
    StreamResult s =
        replay(StreamDialect.openAi(), RecordedStreams.OPENAI_WITH_USAGE)
            .finish(at(173), Termination.END_MARKER_RECEIVED, null);

    assertEquals(3, s.outputTokens());
    assertEquals(TokenSource.USAGE, s.tokenSource());
    assertEquals(30 * MS / 2, s.tpotNanos());
  }

  @Test
  void fallsBackToTheFragmentCountWithoutUsage() {
    StreamResult s =
        replay(StreamDialect.openAi(), RecordedStreams.REASONING)
            .finish(at(202), Termination.END_MARKER_RECEIVED, null);

    assertEquals(TokenSource.FRAGMENTS, s.tokenSource());
    assertEquals(3, s.outputTokens());
  }

  @Test
  void dividesTpotByUsageTokensWhenAFragmentCarriesSeveral() {
    StreamResult s =
        replay(StreamDialect.openAi(), RecordedStreams.MULTI_TOKEN_FRAGMENTS)
            .finish(at(193), Termination.END_MARKER_RECEIVED, null);

    assertEquals(4, s.fragments());
    assertEquals(10, s.outputTokens());
    assertEquals(TokenSource.USAGE, s.tokenSource());
    assertEquals(90 * MS / 9, s.tpotNanos());
    assertEquals(10 * 1e9 / (92 * MS), s.outputTokensPerSecond(), 1e-9);
  }

  @Test
  void countsReasoningAsTextForTtft() {
    StreamResult s =
        replay(StreamDialect.openAi(), RecordedStreams.REASONING)
            .finish(at(202), Termination.END_MARKER_RECEIVED, null);

    assertTrue(s.ok());
    assertEquals(90 * MS, s.ttftNanos());
    assertEquals(3, s.fragments());
    assertEquals(12 + 10 + 2, s.textChars());
  }

  @Test
  void recordsZeroGapsForABurst() {
    StreamResult s =
        replay(StreamDialect.projectDefault(), RecordedStreams.BURST)
            .finish(at(141), Termination.END_MARKER_RECEIVED, null);

    assertTrue(s.ok());
    assertArrayEquals(new long[] {0, 0, 40 * MS}, s.gapsNanos());
    assertEquals(40 * MS, s.maxGapNanos());
  }

  @Test
  void countsButDoesNotTimeEventsAfterTheEndMarker() {
    StreamRecorder r = replay(StreamDialect.projectDefault(), RecordedStreams.DEFAULT_NORMAL);
    assertTrue(r.endMarkerReceived());
    assertEquals(EventKind.TEXT, r.onEvent(at(900), "{\"data\":{\"delta\":\"late\"}}"));
    assertEquals(EventKind.ERROR, r.onEvent(at(950), "{\"data\":{\"error\":\"late\"}}"));
    StreamResult s = r.finish(at(999), Termination.END_MARKER_RECEIVED, null);

    assertTrue(s.ok());
    assertEquals(7, s.events());
    assertEquals(3, s.fragments());
    assertEquals(at(190), s.lastTextNanos());
    assertEquals(5, s.eventNanos().length);
    assertEquals(40 * MS, s.maxGapNanos());
  }

  @Test
  void flagsAMalformedEvent() {
    StreamRecorder r = RecordedStreams.recorder(StreamDialect.projectDefault());
    r.onHeaders(at(10), 200, "text/event-stream");
    r.onEvent(at(20), "{\"data\":{\"delta\":\"ok\"}}");
    assertEquals(EventKind.MALFORMED, r.onEvent(at(30), "{\"data\":{\"delta\": \"abc}"));
    r.onEvent(at(40), "{\"data\":[DONE]}");
    StreamResult s = r.finish(at(41), Termination.END_MARKER_RECEIVED, null);

    assertEquals(Optional.of(FailureClass.MALFORMED_EVENT), s.failure());
    assertEquals(3, s.events());
  }

  @Test
  void flagsAnErrorEventEvenWhenTheServerThenEndsCleanly() {
    StreamRecorder r = RecordedStreams.recorder(StreamDialect.openAi());
    r.onHeaders(at(10), 200, "text/event-stream");
    r.onEvent(at(20), "{\"data\":{\"choices\":[{\"delta\":{\"content\":\"par\"}}]}}");
    r.onEvent(at(30), "{\"data\":{\"error\":{\"message\":\"model overloaded\"}}}");
    StreamResult s = r.finish(at(31), Termination.ENDED_WITHOUT_MARKER, null);

    assertEquals(Optional.of(FailureClass.ERROR_EVENT), s.failure());
  }

  @Test
  void anErrorEventsDetailIsTheServersErrorTypeAndMessageNotTheLoadToolsGuess() {
    StreamRecorder r = RecordedStreams.recorder(StreamDialect.openAi());
    r.onHeaders(at(10), 200, "text/event-stream");
    r.onEvent(at(20), "{\"data\":{\"choices\":[{\"delta\":{\"content\":\"par\"}}]}}");
    r.onEvent(
        at(30),
        "{\"data\":{\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}}");
    StreamResult s = r.finish(at(31), Termination.ABORTED, "stream ended without a known cause");

    assertEquals(Optional.of(FailureClass.ERROR_EVENT), s.failure());
    assertEquals("error event: overloaded_error: Overloaded", s.detail());
  }

  @Test
  void anErrorEventThatIsOnlyAStringIsQuotedAndASecretInItIsMasked() {
    StreamRecorder r = RecordedStreams.recorder(StreamDialect.projectDefault());
    r.onHeaders(at(10), 200, "text/event-stream");
    r.onEvent(at(20), "{\"data\":{\"error\":\"bad token=abc123secret for user\"}}");
    StreamResult s = r.finish(at(31), Termination.ABORTED, null);

    assertEquals(Optional.of(FailureClass.ERROR_EVENT), s.failure());
    assertTrue(s.detail().startsWith("error event: bad token="), s.detail());
    assertFalse(s.detail().contains("abc123secret"), s.detail());
  }

  @Test
  void aMalformedEventsDetailSaysWhatWasWrongAndQuotesTheStartOfTheData() {
    StreamRecorder r = RecordedStreams.recorder(StreamDialect.projectDefault());
    r.onHeaders(at(10), 200, "text/event-stream");
    r.onEvent(at(20), "{\"data\":{\"delta\":\"ok\"}}");
    r.onEvent(at(30), "{\"data\":{\"delta\": \"tru}");
    StreamResult s = r.finish(at(40), Termination.END_MARKER_RECEIVED, null);

    assertEquals(Optional.of(FailureClass.MALFORMED_EVENT), s.failure());
    assertEquals("malformed event (data is not valid JSON): '{\"delta\": \"tru}'", s.detail());
  }

  @Test
  void classifiesAMarkerWithoutTextAsEmptyAnswer() {
    StreamRecorder r = RecordedStreams.recorder(StreamDialect.openAi());
    r.onHeaders(at(10), 200, "text/event-stream");
    r.onEvent(at(20), "{\"data\":{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}}");
    r.onEvent(at(30), "{\"data\":{\"choices\":[{\"delta\":{},\"finish_reason\":\"length\"}]}}");
    r.onEvent(at(31), "{\"data\":[DONE]}");
    StreamResult s = r.finish(at(32), Termination.END_MARKER_RECEIVED, null);

    assertEquals(Optional.of(FailureClass.EMPTY_ANSWER), s.failure());
    assertEquals(-1, s.ttftNanos());
    assertEquals(31 * MS, s.e2eNanos());
    assertEquals(0, s.outputTokens());
    assertEquals("3 events, no text", s.detail());
  }

  @Test
  void detectsAStallBetweenEventsEvenWhenTheStreamCompletes() {
    StreamRecorder r = RecordedStreams.recorder(StreamDialect.projectDefault());
    r.onHeaders(at(10), 200, "text/event-stream");
    r.onEvent(at(100), "{\"data\":{\"delta\":\"a\"}}");
    r.onEvent(at(6_100), "{\"data\":{\"delta\":\"b\"}}");
    r.onEvent(at(6_200), "{\"data\":[DONE]}");
    StreamResult s = r.finish(at(6_201), Termination.END_MARKER_RECEIVED, null);

    assertEquals(Optional.of(FailureClass.STALLED), s.failure());
    assertEquals(6_000 * MS, s.maxGapNanos());
    assertEquals("silent for 6.000 s, idle timeout 5.000 s", s.detail());
  }

  @Test
  void classifiesAStreamTimeoutAfterLongSilenceAsStalled() {
    StreamRecorder r = RecordedStreams.recorder(StreamDialect.projectDefault());
    r.onHeaders(at(10), 200, "text/event-stream");
    r.onEvent(at(100), "{\"data\":{\"delta\":\"a\"}}");
    StreamResult s = r.finish(at(60_000), Termination.STREAM_TIMEOUT, null);

    assertEquals(Optional.of(FailureClass.STALLED), s.failure());
    assertEquals(59_900 * MS, s.maxGapNanos());
    assertEquals(-1, s.endNanos());
    assertEquals(-1, s.e2eNanos());
  }

  @Test
  void classifiesAStreamTimeoutWhileEventsKeptFlowingAsStreamTimeout() {
    StreamRecorder r = RecordedStreams.recorder(StreamDialect.projectDefault());
    r.onHeaders(at(10), 200, "text/event-stream");
    for (int i = 1; i <= 60; i++) {
      r.onEvent(at(i * 1_000L), "{\"data\":{\"delta\":\"x\"}}");
    }
    StreamResult s = r.finish(at(60_000), Termination.STREAM_TIMEOUT, null);

    assertEquals(Optional.of(FailureClass.STREAM_TIMEOUT), s.failure());
    assertEquals(60, s.fragments());
  }

  @Test
  void classifiesASecondSetOfHeadersAsReplay() {
    StreamRecorder r = RecordedStreams.recorder(StreamDialect.projectDefault());
    r.onHeaders(at(10), 200, "text/event-stream");
    r.onEvent(at(100), "{\"data\":{\"delta\":\"a\"}}");
    r.onHeaders(at(3_200), 200, "text/event-stream");
    r.onEvent(at(3_300), "{\"data\":{\"delta\":\"a\"}}");
    r.onEvent(at(3_400), "{\"data\":[DONE]}");
    StreamResult s = r.finish(at(3_401), Termination.END_MARKER_RECEIVED, null);

    assertEquals(Optional.of(FailureClass.REPLAYED), s.failure());
    assertEquals(10 * MS, s.timeToHeadersNanos());
    assertEquals("headers received 2 times", s.detail());
  }

  @Test
  void keepsTheCallersDetailWithSecretsMasked() {
    StreamRecorder r = RecordedStreams.recorder(StreamDialect.projectDefault());
    StreamResult s =
        r.finish(
            at(5),
            Termination.CONNECT_FAILED,
            "Connection refused: https://api.example/v1?key=abc123 Authorization: Bearer"
                + " sk-abcdefghijkl");

    assertEquals(Optional.of(FailureClass.CONNECT_FAILURE), s.failure());
    assertFalse(s.detail().contains("abc123"), s.detail());
    assertFalse(s.detail().contains("abcdefghijkl"), s.detail());
    assertTrue(s.detail().startsWith("Connection refused"), s.detail());
    assertEquals(-1, s.status());
    assertEquals(-1, s.timeToHeadersNanos());
  }

  @Test
  void returnsTheFirstResultOnASecondFinishAndIgnoresLaterEvents() {
    StreamRecorder r = replay(StreamDialect.projectDefault(), RecordedStreams.DEFAULT_NORMAL);
    StreamResult first = r.finish(at(202), Termination.END_MARKER_RECEIVED, null);
    r.onEvent(at(300), "{\"data\":{\"delta\":\"x\"}}");
    assertSame(first, r.finish(at(400), Termination.CONNECTION_CUT, "late"));
    assertEquals(5, first.events());
  }

  @Test
  void keepsNoEventTimesUnlessAsked() {
    StreamRecorder r =
        new StreamRecorder(
            "r",
            "u",
            1,
            -1,
            SEND,
            RecordedStreams.LIMITS,
            new EventParser(StreamDialect.projectDefault()),
            false);
    r.onEvent(at(1), "{\"data\":{\"delta\":\"x\"}}");
    StreamResult s = r.finish(at(2), Termination.ENDED_WITHOUT_MARKER, null);

    assertNull(s.eventNanos());
    assertFalse(s.hasEventTimes());
    assertEquals(-1, s.scheduleLagNanos());
    assertEquals(Optional.of(FailureClass.NO_END_MARKER), s.failure());
  }

  @Test
  void growsItsBuffersForLongStreams() {
    StreamRecorder r = RecordedStreams.recorder(StreamDialect.projectDefault());
    r.onHeaders(at(1), 200, "text/event-stream");
    for (int i = 0; i < 5_000; i++) {
      r.onEvent(at(10 + i), "{\"data\":{\"delta\":\"x\"}}");
    }
    r.onEvent(at(6_000), "{\"data\":[DONE]}");
    StreamResult s = r.finish(at(6_001), Termination.END_MARKER_RECEIVED, null);

    assertEquals(4_999, s.gapsNanos().length);
    assertEquals(5_001, s.eventNanos().length);
    assertEquals(MS, s.tpotNanos());
  }

  @Test
  void treatsAnOutOfOrderTimeAsAZeroGap() {
    StreamRecorder r = RecordedStreams.recorder(StreamDialect.projectDefault());
    r.onEvent(at(20), "{\"data\":{\"delta\":\"a\"}}");
    r.onEvent(at(10), "{\"data\":{\"delta\":\"b\"}}");
    StreamResult s = r.finish(at(30), Termination.ENDED_WITHOUT_MARKER, null);

    assertArrayEquals(new long[] {0}, s.gapsNanos());
  }
}
