package dev.streamload.stream;

import static dev.streamload.stream.RecordedStreams.LIMITS;
import static dev.streamload.stream.RecordedStreams.MS;
import static dev.streamload.stream.RecordedStreams.SEND;
import static dev.streamload.stream.RecordedStreams.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A complete answer judged by its finish reason and content checks: recorded event sequences of
 * OpenAI, Anthropic and Gemini shapes through {@link StreamRecorder} with {@link AnswerRules}.
 */
class AnswerJudgementTest {

  /** The defaults of AnswerConfig: OpenAI, Anthropic and Gemini spellings. */
  static final AnswerRules DEFAULT_RULES =
      new AnswerRules(
          Set.of("length", "max_tokens", "MAX_TOKENS"),
          Set.of("content_filter", "refusal", "SAFETY"),
          ContentChecks.none(),
          false);

  static final String OPENAI_LENGTH =
      """
      80 {"data":{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}}
      130 {"data":{"choices":[{"index":0,"delta":{"content":"The answer is"},"finish_reason":null}]}}
      160 {"data":{"choices":[{"index":0,"delta":{"content":" cut"},"finish_reason":null}]}}
      170 {"data":{"choices":[{"index":0,"delta":{},"finish_reason":"length"}]}}
      171 {"data":{"choices":[],"usage":{"completion_tokens":4}}}
      172 {"data":[DONE]}
      """;

  static final String OPENAI_FILTERED_EMPTY =
      """
      80 {"data":{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}}
      90 {"data":{"choices":[{"index":0,"delta":{},"finish_reason":"content_filter"}]}}
      91 {"data":[DONE]}
      """;

  static final String ANTHROPIC_MAX_TOKENS =
      """
      50 {"event":"message_start","data":{"type":"message_start","message":{"id":"m1","stop_reason":null,"usage":{"input_tokens":9,"output_tokens":1}}}}
      60 {"event":"content_block_start","data":{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}}
      100 {"event":"content_block_delta","data":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}}
      130 {"event":"content_block_delta","data":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" there"}}}
      140 {"event":"content_block_stop","data":{"type":"content_block_stop","index":0}}
      150 {"event":"message_delta","data":{"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":2}}}
      151 {"event":"message_stop","data":{"type":"message_stop"}}
      """;

  static final String GEMINI_SAFETY =
      """
      100 {"data":{"candidates":[{"content":{"parts":[{"text":"Let me"}],"role":"model"},"index":0}]}}
      140 {"data":{"candidates":[{"content":{"parts":[{"text":" explain"}],"role":"model"},"finishReason":"SAFETY","index":0}],"usageMetadata":{"candidatesTokenCount":3}}}
      """;

  static final String HELLO_WORLD =
      """
      120 {"data":{"delta":"Hel"}}
      150 {"data":{"delta":"lo, "}}
      190 {"data":{"delta":"world"}}
      200 {"data":{"usage":{"output_tokens":3},"finish_reason":"stop"}}
      201 {"data":[DONE]}
      205 {"data":{"delta":" after the end"}}
      """;

  private static StreamRecorder replay(StreamDialect dialect, String recording, AnswerRules rules) {
    StreamRecorder r =
        new StreamRecorder(
            "req-1",
            "user-1",
            0,
            SEND - 5 * MS,
            SEND,
            LIMITS,
            new EventParser(dialect),
            false,
            rules);
    r.onHeaders(at(60), 200, "text/event-stream");
    for (RecordedStreams.Event e : RecordedStreams.events(recording)) {
      r.onEvent(e.nanos(), e.message());
    }
    return r;
  }

  private static StreamResult done(StreamRecorder r) {
    return r.finish(at(300), Termination.END_MARKER_RECEIVED, null);
  }

  private static AnswerRules checks(ContentChecks checks) {
    return new AnswerRules(
        DEFAULT_RULES.truncatedReasons(), DEFAULT_RULES.filteredReasons(), checks, false);
  }

  @Test
  void anOpenAiAnswerThatEndsForLengthIsTruncated() {
    StreamResult s = done(replay(StreamDialect.openAi(), OPENAI_LENGTH, DEFAULT_RULES));

    assertEquals(Optional.of(FailureClass.TRUNCATED), s.failure());
    assertEquals("length", s.finishReason());
    assertEquals("finish reason 'length'", s.detail());
    assertEquals(130 * MS, s.ttftNanos(), "still timed like any other stream");
  }

  @Test
  void aFilteredAnswerWithoutTextIsFilteredNotEmpty() {
    StreamResult s = done(replay(StreamDialect.openAi(), OPENAI_FILTERED_EMPTY, DEFAULT_RULES));

    assertEquals(Optional.of(FailureClass.FILTERED), s.failure());
    assertEquals("content_filter", s.finishReason());
    assertEquals(0, s.fragments());
  }

  @Test
  void anAnthropicAnswerThatHitMaxTokensIsTruncated() {
    StreamResult s =
        done(replay(FinishReasonParsingTest.ANTHROPIC, ANTHROPIC_MAX_TOKENS, DEFAULT_RULES));

    assertEquals(Optional.of(FailureClass.TRUNCATED), s.failure());
    assertEquals("max_tokens", s.finishReason());
    assertEquals(2, s.fragments());
    assertEquals(at(151), s.endNanos(), "message_stop is the end marker");
  }

  @Test
  void aGeminiAnswerStoppedForSafetyIsFiltered() {
    // Gemini has no end marker: the stream's clean end stands for it (how a Gemini preset will
    // end its streams is issue 9's); here the load tool reports the end.
    StreamResult s = done(replay(FinishReasonParsingTest.GEMINI, GEMINI_SAFETY, DEFAULT_RULES));

    assertEquals(Optional.of(FailureClass.FILTERED), s.failure());
    assertEquals("SAFETY", s.finishReason());
    assertEquals(3, s.outputTokens());
  }

  @Test
  void aStopFinishReasonIsRecordedOnASuccessfulStream() {
    StreamResult s =
        done(replay(StreamDialect.openAi(), RecordedStreams.OPENAI_WITH_USAGE, DEFAULT_RULES));

    assertTrue(s.ok(), () -> s.failure() + " " + s.detail());
    assertEquals("stop", s.finishReason());
  }

  @Test
  void finishReasonsAreComparedExactly() {
    AnswerRules upperOnly =
        new AnswerRules(Set.of("LENGTH"), Set.of(), ContentChecks.none(), false);
    StreamResult s = done(replay(StreamDialect.openAi(), OPENAI_LENGTH, upperOnly));

    assertTrue(s.ok(), "'length' is not 'LENGTH'");
    assertEquals("length", s.finishReason());
  }

  @Test
  void withoutRulesATruncatedAnswerOnlyRecordsItsFinishReason() {
    StreamResult s = done(replay(StreamDialect.openAi(), OPENAI_LENGTH, AnswerRules.none()));

    assertTrue(s.ok());
    assertEquals("length", s.finishReason());
  }

  @Test
  void aCutStreamIsInterruptedEvenAfterALengthFinishReason() {
    StreamRecorder r =
        replay(
            StreamDialect.openAi(),
            OPENAI_LENGTH.replace("172 {\"data\":[DONE]}", ""),
            DEFAULT_RULES);
    StreamResult s = r.finish(at(180), Termination.CONNECTION_CUT, "cut");

    assertEquals(Optional.of(FailureClass.INTERRUPTED), s.failure());
    assertEquals("length", s.finishReason(), "recorded all the same");
  }

  @Test
  void aFinishReasonAfterTheEndMarkerIsIgnored() {
    String late =
        RecordedStreams.DEFAULT_NORMAL + "250 {\"data\":{\"finish_reason\":\"length\"}}\n";
    StreamResult s = done(replay(StreamDialect.projectDefault(), late, DEFAULT_RULES));

    assertTrue(s.ok());
    assertNull(s.finishReason());
  }

  @Test
  void aTooShortAnswerFailsTheLengthCheckNamingTheCheckNotTheText() {
    StreamResult s =
        done(
            replay(
                StreamDialect.projectDefault(),
                HELLO_WORLD,
                checks(ContentChecks.none().withMinChars(20))));

    assertEquals(Optional.of(FailureClass.CONTENT_CHECK), s.failure());
    assertEquals("check.minChars: the answer has 12 chars, at least 20 required", s.detail());
  }

  @Test
  void aPatternIsSearchedInTheWholeAnswerAcrossFragments() {
    StreamResult pass =
        done(
            replay(
                StreamDialect.projectDefault(),
                HELLO_WORLD,
                checks(ContentChecks.none().withMustMatch("^Hello, world$"))));
    StreamResult fail =
        done(
            replay(
                StreamDialect.projectDefault(),
                HELLO_WORLD,
                checks(ContentChecks.none().withMustMatch("Goodbye"))));

    assertTrue(pass.ok(), () -> pass.detail());
    assertEquals(Optional.of(FailureClass.CONTENT_CHECK), fail.failure());
    assertEquals("check.mustMatch: the pattern was not found in the answer", fail.detail());
  }

  @Test
  void textAfterTheEndMarkerIsNotPartOfTheAnswer() {
    StreamResult s =
        done(
            replay(
                StreamDialect.projectDefault(),
                HELLO_WORLD,
                checks(ContentChecks.none().withMustNotMatch("after the end"))));

    assertTrue(s.ok(), () -> s.detail());
  }

  @Test
  void aForbiddenPatternFailsTheMustNotMatchCheck() {
    StreamResult s =
        done(
            replay(
                StreamDialect.projectDefault(),
                HELLO_WORLD,
                checks(ContentChecks.none().withMustNotMatch("(?i)WORLD"))));

    assertEquals(Optional.of(FailureClass.CONTENT_CHECK), s.failure());
    assertEquals("check.mustNotMatch: the pattern was found in the answer", s.detail());
    assertFalse(s.detail().contains("world"));
  }

  @Test
  void theServersFinishReasonWinsOverAFailedContentCheck() {
    StreamResult s =
        done(
            replay(
                StreamDialect.openAi(),
                OPENAI_LENGTH,
                checks(ContentChecks.none().withMinChars(1000))));

    assertEquals(Optional.of(FailureClass.TRUNCATED), s.failure());
  }

  @Test
  void anEmptyAnswerStaysEmptyAnswerUnderAContentCheck() {
    StreamRecorder r =
        replay(
            StreamDialect.projectDefault(),
            "100 {\"data\":{\"usage\":{\"output_tokens\":0},\"finish_reason\":\"stop\"}}\n"
                + "101 {\"data\":[DONE]}",
            checks(ContentChecks.none().withMinChars(5)));

    assertEquals(Optional.of(FailureClass.EMPTY_ANSWER), done(r).failure());
  }

  @Test
  void anAnswerWithoutItsEndMarkerIsNotJudged() {
    StreamRecorder r =
        replay(
            StreamDialect.projectDefault(),
            "120 {\"data\":{\"delta\":\"Hi\"}}",
            checks(ContentChecks.none().withMinChars(100)));
    StreamResult s = r.finish(at(300), Termination.ENDED_WITHOUT_MARKER, null);

    assertEquals(Optional.of(FailureClass.NO_END_MARKER), s.failure());
  }

  @Test
  void onlyAStreamInTheSampleHandsOverItsTextOnceAfterItFinished() {
    AnswerRules sampled = checks(ContentChecks.none().withMustMatch("Hel")).sampled();
    StreamRecorder inSample = replay(StreamDialect.projectDefault(), HELLO_WORLD, sampled);
    assertNull(inSample.takeSampledAnswer(), "not before the stream finished");
    done(inSample);
    assertEquals("Hello, world", inSample.takeSampledAnswer());
    assertNull(inSample.takeSampledAnswer(), "handed over once, then dropped");

    StreamRecorder checkedOnly =
        replay(
            StreamDialect.projectDefault(),
            HELLO_WORLD,
            checks(ContentChecks.none().withMustMatch("Hel")));
    done(checkedOnly);
    assertNull(checkedOnly.takeSampledAnswer(), "text kept for a check is dropped at finish");
  }

  @Test
  void keepsTextOnlyWhenAPatternOrTheSampleNeedsIt() {
    assertFalse(DEFAULT_RULES.keepsText());
    assertFalse(checks(ContentChecks.none().withMinChars(10)).keepsText());
    assertTrue(checks(ContentChecks.none().withMustNotMatch("x")).keepsText());
    assertTrue(DEFAULT_RULES.sampled().keepsText());
  }

  @Test
  void theClassifierPutsTheAnswerRulesAfterEveryStreamRuleInTheDocumentedOrder() {
    long quiet = 50 * MS;
    StreamFacts healthy = new StreamFacts(true, 10, 12, false, false, true, false, quiet);
    StreamFacts noText = new StreamFacts(true, 0, 2, false, false, true, false, quiet);
    StreamFacts stalled = new StreamFacts(true, 10, 12, false, false, true, false, 6_000 * MS);
    StreamFacts error = new StreamFacts(true, 10, 12, true, false, true, false, quiet);
    AnswerFacts truncatedAndFailed = new AnswerFacts(FailureClass.TRUNCATED, "check.minChars");
    AnswerFacts filtered = new AnswerFacts(FailureClass.FILTERED, null);
    AnswerFacts failed = new AnswerFacts(null, "check.mustMatch");
    Termination end = Termination.END_MARKER_RECEIVED;

    assertEquals(FailureClass.ERROR_EVENT, classify(end, error, failed));
    assertEquals(FailureClass.STALLED, classify(end, stalled, truncatedAndFailed));
    assertEquals(
        FailureClass.NO_END_MARKER,
        classify(
            Termination.ENDED_WITHOUT_MARKER,
            new StreamFacts(true, 10, 12, false, false, false, false, quiet),
            filtered));
    assertEquals(FailureClass.FILTERED, classify(end, noText, filtered));
    assertEquals(FailureClass.TRUNCATED, classify(end, healthy, truncatedAndFailed));
    assertEquals(FailureClass.EMPTY_ANSWER, classify(end, noText, failed));
    assertEquals(FailureClass.CONTENT_CHECK, classify(end, healthy, failed));
    assertEquals(
        Optional.empty(),
        FailureClassifier.classify(
            end, 200, "text/event-stream", healthy, LIMITS, AnswerFacts.NONE));
  }

  private static FailureClass classify(Termination t, StreamFacts facts, AnswerFacts answer) {
    return FailureClassifier.classify(t, 200, "text/event-stream", facts, LIMITS, answer)
        .orElseThrow();
  }

  @Test
  void aFinishReasonCannotMeanBothClasses() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new AnswerRules(Set.of("length"), Set.of("length"), ContentChecks.none(), false));
    assertTrue(e.getMessage().contains("'length'"), e.getMessage());
  }
}
