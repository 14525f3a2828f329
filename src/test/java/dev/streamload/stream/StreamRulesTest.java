package dev.streamload.stream;

import static dev.streamload.stream.RecordedStreams.LIMITS;
import static dev.streamload.stream.RecordedStreams.MS;
import static dev.streamload.stream.RecordedStreams.SEND;
import static dev.streamload.stream.RecordedStreams.at;
import static dev.streamload.stream.RecordedStreams.events;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * End rules ({@code stream.end}), text modes ({@code stream.text}) and error rules ({@code
 * stream.errorEvents}, {@code stream.errorWhen}) on recorded event sequences in the public wire
 * formats of real APIs, as Gatling renders SSE events ({@code {"event":..,"data":..}}) or as a
 * WebSocket delivers messages.
 */
class StreamRulesTest {

  // ---- recorded streams, one per API shape ----

  /** Anthropic Messages: typed events, text in content_block_delta, ends with message_stop. */
  static final String ANTHROPIC =
      """
      90 {"event":"message_start","data":{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-x","stop_reason":null,"usage":{"input_tokens":25,"output_tokens":1}}}}
      91 {"event":"content_block_start","data":{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}}
      92 {"event":"ping","data":{"type":"ping"}}
      120 {"event":"content_block_delta","data":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}}
      150 {"event":"content_block_delta","data":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":", world"}}}
      151 {"event":"content_block_stop","data":{"type":"content_block_stop","index":0}}
      152 {"event":"message_delta","data":{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":4}}}
      153 {"event":"message_stop","data":{"type":"message_stop"}}
      """;

  static final String ANTHROPIC_ERROR =
      """
      120 {"event":"content_block_delta","data":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}}
      140 {"event":"error","data":{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}}
      """;

  /** OpenAI Responses: typed events, ends with response.completed (usage inside response). */
  static final String RESPONSES =
      """
      80 {"event":"response.created","data":{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","status":"in_progress","usage":null}}}
      81 {"event":"response.in_progress","data":{"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_1","status":"in_progress"}}}
      110 {"event":"response.output_text.delta","data":{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi","sequence_number":4}}
      140 {"event":"response.output_text.delta","data":{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":" there","sequence_number":5}}
      141 {"event":"response.output_text.done","data":{"type":"response.output_text.done","item_id":"msg_1","output_index":0,"content_index":0,"text":"Hi there","sequence_number":6}}
      142 {"event":"response.completed","data":{"type":"response.completed","sequence_number":7,"response":{"id":"resp_1","status":"completed","usage":{"input_tokens":10,"output_tokens":2,"total_tokens":12}}}}
      """;

  static final String RESPONSES_INCOMPLETE =
      """
      110 {"event":"response.output_text.delta","data":{"type":"response.output_text.delta","delta":"Hi","sequence_number":4}}
      142 {"event":"response.incomplete","data":{"type":"response.incomplete","response":{"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"usage":{"output_tokens":1}}}}
      """;

  /** Gemini streamGenerateContent?alt=sse: no end marker, finishReason in the last chunk. */
  static final String GEMINI =
      """
      150 {"data":{"candidates":[{"content":{"parts":[{"text":"Hello"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":1,"totalTokenCount":6},"modelVersion":"gemini-x"}}
      200 {"data":{"candidates":[{"content":{"parts":[{"text":" big"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":2,"totalTokenCount":7}}}
      250 {"data":{"candidates":[{"content":{"parts":[{"text":" world"}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":3,"totalTokenCount":8}}}
      """;

  /** Dify chat app: the event name is inside the data; pings are SSE events without data. */
  static final String DIFY =
      """
      100 {"event":"ping"}
      130 {"data":{"event":"message","task_id":"t1","message_id":"m1","conversation_id":"c1","answer":"Hi","created_at":1705395332}}
      160 {"data":{"event":"message","task_id":"t1","message_id":"m1","conversation_id":"c1","answer":" you","created_at":1705395332}}
      170 {"data":{"event":"message_end","task_id":"t1","message_id":"m1","conversation_id":"c1","metadata":{"usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}}}
      """;

  static final String DIFY_ERROR =
      """
      130 {"data":{"event":"message","conversation_id":"c1","answer":"Hi"}}
      150 {"data":{"event":"error","task_id":"t1","message_id":"m1","status":400,"code":"invalid_param","message":"query is required"}}
      """;

  /** Spring WebFlux Flux<String> as text/event-stream: plain-text data, no end marker. */
  static final String PLAIN =
      """
      100 {"data":"Hello"}
      130 {"data":"big"}
      160 {"data":"[DONE] is just a word here"}
      """;

  /** EventSource-style stream whose every event holds the whole answer so far. */
  static final String CUMULATIVE =
      """
      100 {"data":{"text":"Hel"}}
      130 {"data":{"text":"Hello"}}
      131 {"data":{"text":"Hello"}}
      170 {"data":{"text":"Hello, world"}}
      171 {"data":[DONE]}
      """;

  /** WebSocket JSON delta protocol: one message per fragment, a done message. */
  static final String WS_JSON =
      """
      100 {"type":"delta","text":"Hel"}
      120 {"type":"delta","text":"lo"}
      140 {"type":"done","usage":{"output_tokens":2}}
      """;

  /** iFlytek-Spark-style frames: header.status 0/1, then 2 on the last frame, which has text. */
  static final String WS_SPARK =
      """
      100 {"header":{"code":0,"message":"Success","sid":"s1","status":0},"payload":{"choices":{"status":0,"seq":0,"text":[{"content":"Hel","role":"assistant","index":0}]}}}
      130 {"header":{"code":0,"message":"Success","sid":"s1","status":1},"payload":{"choices":{"status":1,"seq":1,"text":[{"content":"lo","role":"assistant","index":0}]}}}
      160 {"header":{"code":0,"message":"Success","sid":"s1","status":2},"payload":{"choices":{"status":2,"seq":2,"text":[{"content":"!","role":"assistant","index":0}]},"usage":{"text":{"prompt_tokens":3,"completion_tokens":3,"total_tokens":6}}}}
      """;

  static final String WS_SPARK_ERROR =
      """
      100 {"header":{"code":10013,"message":"input content audit failed","sid":"s1","status":2}}
      """;

  // ---- dialects as the presets configure them ----

  static final StreamDialect ANTHROPIC_DIALECT =
      new StreamDialect(
          List.of("delta.text"),
          "usage.output_tokens",
          "error",
          EndRule.event("message_stop"),
          "delta.stop_reason",
          TextMode.DELTA,
          List.of("error"),
          null);

  static final StreamDialect RESPONSES_DIALECT =
      new StreamDialect(
          List.of("delta"),
          "response.usage.output_tokens",
          null,
          EndRule.parse("stream.end", "event:response.completed,response.incomplete"),
          "response.incomplete_details.reason",
          TextMode.DELTA,
          List.of("error", "response.failed"),
          null);

  static final StreamDialect GEMINI_DIALECT =
      new StreamDialect(
          List.of("candidates[0].content.parts[0].text"),
          "usageMetadata.candidatesTokenCount",
          "error",
          EndRule.close(),
          "candidates[0].finishReason",
          TextMode.DELTA,
          List.of(),
          null);

  static final StreamDialect DIFY_DIALECT =
      new StreamDialect(
          List.of("answer"),
          "metadata.usage.completion_tokens",
          null,
          EndRule.parse("stream.end", "when:event == message_end"),
          null,
          TextMode.DELTA,
          List.of(),
          JsonCondition.parse("stream.errorWhen", "event == error"));

  static final StreamDialect PLAIN_DIALECT =
      new StreamDialect(
          List.of("delta"), null, null, EndRule.close(), null, TextMode.PLAIN, List.of(), null);

  static final StreamDialect CUMULATIVE_DIALECT =
      new StreamDialect(List.of("text"), null, null, "[DONE]").withTextMode(TextMode.CUMULATIVE);

  static final StreamDialect WS_JSON_DIALECT =
      new StreamDialect(
          List.of("text"),
          "usage.output_tokens",
          null,
          EndRule.parse("stream.end", "when:type == done"),
          null,
          TextMode.DELTA,
          List.of(),
          JsonCondition.parse("stream.errorWhen", "type == error"));

  static final StreamDialect WS_SPARK_DIALECT =
      new StreamDialect(
          List.of("payload.choices.text[0].content"),
          "payload.usage.text.completion_tokens",
          null,
          EndRule.parse("stream.end", "when:header.status == 2"),
          null,
          TextMode.DELTA,
          List.of(),
          JsonCondition.parse("stream.errorWhen", "header.code != 0"));

  // ---- the tests ----

  @Test
  void anthropicEndsAtMessageStopWithTheLastUsageAndTheStopReason() {
    StreamRecorder r = sse(ANTHROPIC_DIALECT, ANTHROPIC);
    assertTrue(r.endMarkerReceived());
    StreamResult s = r.finish(at(154), Termination.END_MARKER_RECEIVED, null);
    assertEquals(Optional.empty(), s.failure(), () -> s.detail());
    assertEquals(120 * MS, s.ttftNanos());
    assertEquals(153 * MS, s.e2eNanos());
    assertEquals(2, s.fragments());
    assertEquals(12, s.textChars());
    assertEquals(4, s.outputTokens(), "message_delta's usage, not message_start's");
    assertEquals(TokenSource.USAGE, s.tokenSource());
    assertEquals("end_turn", s.finishReason());
  }

  @Test
  void anAnthropicErrorEventIsAnErrorEventWithTheServersTypeAndMessage() {
    StreamResult s =
        sse(ANTHROPIC_DIALECT, ANTHROPIC_ERROR).finish(at(141), Termination.ABORTED, null);
    assertEquals(Optional.of(FailureClass.ERROR_EVENT), s.failure());
    assertTrue(s.detail().contains("overloaded_error"), s.detail());
  }

  @Test
  void anEventNamedInErrorEventsIsAnErrorEvenWithoutTheErrorPath() {
    StreamDialect byNameOnly = ANTHROPIC_DIALECT.withErrors(List.of("error"), null);
    StreamDialect noErrorPath =
        new StreamDialect(
            byNameOnly.textPaths(),
            byNameOnly.usageTokensPath(),
            null,
            byNameOnly.endRule(),
            null,
            TextMode.DELTA,
            List.of("error"),
            null);
    assertEquals(
        EventKind.ERROR,
        new EventParser(noErrorPath)
            .parse("{\"event\":\"error\",\"data\":{\"type\":\"x\"}}")
            .kind());
    assertEquals(
        EventKind.NO_TEXT,
        new EventParser(noErrorPath.withErrors(List.of(), null))
            .parse("{\"event\":\"error\",\"data\":{\"type\":\"x\"}}")
            .kind());
  }

  @Test
  void responsesEndAtResponseCompletedAndReadUsageInsideTheResponse() {
    StreamRecorder r = sse(RESPONSES_DIALECT, RESPONSES);
    StreamResult s = r.finish(at(143), Termination.END_MARKER_RECEIVED, null);
    assertEquals(Optional.empty(), s.failure(), () -> s.detail());
    assertEquals(
        2, s.fragments(), "output_text.done repeats the text under 'text': not a fragment");
    assertEquals(8, s.textChars());
    assertEquals(2, s.outputTokens());
    assertEquals(142 * MS, s.e2eNanos());
  }

  @Test
  void anIncompleteResponseEndsTheStreamAndIsTruncatedByItsReason() {
    StreamRecorder r =
        new StreamRecorder(
            "r",
            "u",
            0,
            SEND,
            SEND,
            LIMITS,
            new EventParser(RESPONSES_DIALECT),
            false,
            new AnswerRules(
                java.util.Set.of("max_output_tokens"),
                java.util.Set.of(),
                ContentChecks.none(),
                false));
    feed(r, RESPONSES_INCOMPLETE);
    assertTrue(r.endMarkerReceived());
    StreamResult s = r.finish(at(143), Termination.END_MARKER_RECEIVED, null);
    assertEquals(Optional.of(FailureClass.TRUNCATED), s.failure());
  }

  @Test
  void geminiEndsWhenTheServerEndsTheResponseCleanly() {
    StreamRecorder r = sse(GEMINI_DIALECT, GEMINI);
    StreamResult s = r.finish(at(251), Termination.ENDED_WITHOUT_MARKER, "End of stream");
    assertEquals(Optional.empty(), s.failure(), () -> s.detail());
    assertEquals(Termination.END_MARKER_RECEIVED, s.termination());
    assertEquals(251 * MS, s.e2eNanos(), "the clean end of the response is the end of the stream");
    assertEquals(3, s.fragments());
    assertEquals(3, s.outputTokens(), "the last candidatesTokenCount");
    assertEquals("STOP", s.finishReason());
  }

  @Test
  void aGeminiStreamCutBeforeItsEndIsInterruptedNotComplete() {
    StreamResult s =
        sse(GEMINI_DIALECT, GEMINI)
            .finish(at(260), Termination.CONNECTION_CUT, "connection closed by the server");
    assertEquals(Optional.of(FailureClass.INTERRUPTED), s.failure());
  }

  @Test
  void aCleanEndWithoutAnyTextIsAnEmptyAnswerUnderTheCloseRule() {
    StreamRecorder r = sse(GEMINI_DIALECT, "");
    StreamResult s = r.finish(at(10), Termination.ENDED_WITHOUT_MARKER, "End of stream");
    assertEquals(Optional.of(FailureClass.EMPTY_ANSWER), s.failure());
  }

  @Test
  void underAMarkerRuleACleanEndIsStillNoEndMarker() {
    StreamResult s =
        sse(GEMINI_DIALECT.withEndMarker("[DONE]"), GEMINI)
            .finish(at(251), Termination.ENDED_WITHOUT_MARKER, "End of stream");
    assertEquals(Optional.of(FailureClass.NO_END_MARKER), s.failure());
  }

  @Test
  void geminisLastChunkEndsTheStreamAndCountsAsTextUnderAFinishReasonCondition() {
    StreamDialect byCondition =
        GEMINI_DIALECT.withEndRule(EndRule.parse("stream.end", "when:candidates[0].finishReason"));
    StreamRecorder r = recorder(new EventParser(byCondition));
    List<RecordedStreams.Event> events = events(GEMINI);
    EventKind last = null;
    for (RecordedStreams.Event e : events) {
      last = r.onEvent(e.nanos(), e.message());
    }
    assertEquals(EventKind.END_MARKER, last, "the last chunk is the end, for the await to stop");
    StreamResult s = r.finish(at(251), Termination.END_MARKER_RECEIVED, null);
    assertEquals(Optional.empty(), s.failure());
    assertEquals(3, s.fragments(), "its text is still a fragment");
    assertEquals(250 * MS, s.e2eNanos());
    assertEquals(15, s.textChars());
  }

  @Test
  void difyEndsAtMessageEndReadsNestedUsageAndIgnoresPings() {
    StreamResult s = sse(DIFY_DIALECT, DIFY).finish(at(171), Termination.END_MARKER_RECEIVED, null);
    assertEquals(Optional.empty(), s.failure(), () -> s.detail());
    assertEquals(130 * MS, s.ttftNanos());
    assertEquals(2, s.fragments());
    assertEquals(2, s.outputTokens());
    assertEquals(4, s.events());
  }

  @Test
  void aDifyErrorEventIsFoundByItsCondition() {
    StreamResult s = sse(DIFY_DIALECT, DIFY_ERROR).finish(at(151), Termination.ABORTED, null);
    assertEquals(Optional.of(FailureClass.ERROR_EVENT), s.failure());
  }

  @Test
  void plainTextDataIsTheTextAndTheCleanEndIsTheEnd() {
    StreamRecorder r = sse(PLAIN_DIALECT, PLAIN);
    StreamResult s = r.finish(at(161), Termination.ENDED_WITHOUT_MARKER, "End of stream");
    assertEquals(Optional.empty(), s.failure(), () -> s.detail());
    assertEquals(3, s.fragments());
    assertEquals(5 + 3 + "[DONE] is just a word here".length(), s.textChars());
    assertEquals(161 * MS, s.e2eNanos());
  }

  @Test
  void plainTextThatIsExactlyTheMarkerEndsTheStreamUnderAMarkerRule() {
    StreamDialect plainWithMarker = PLAIN_DIALECT.withEndMarker("[DONE]");
    EventParser p = new EventParser(plainWithMarker);
    assertEquals(EventKind.END_MARKER, p.parse("{\"data\":\"[DONE]\"}").kind());
    assertEquals(EventKind.TEXT, p.parse("{\"data\":\"[DONE]x\"}").kind());
    assertEquals(EventKind.NO_TEXT, p.parse("{\"data\":\"\"}").kind());
  }

  @Test
  void cumulativeTextCountsOnlyWhatEachEventAdds() {
    StreamRecorder r =
        new StreamRecorder(
            "r",
            "u",
            0,
            SEND,
            SEND,
            LIMITS,
            new EventParser(CUMULATIVE_DIALECT),
            false,
            new AnswerRules(java.util.Set.of(), java.util.Set.of(), ContentChecks.none(), true));
    feed(r, CUMULATIVE);
    StreamResult s = r.finish(at(172), Termination.END_MARKER_RECEIVED, null);
    assertEquals(Optional.empty(), s.failure());
    assertEquals(3, s.fragments(), "the repeated 'Hello' adds nothing");
    assertEquals(12, s.textChars(), "the length of the final text, not the sum");
    assertEquals(3, s.outputTokens());
    assertArrayEquals(new long[] {30 * MS, 40 * MS}, s.gapsNanos());
    assertEquals("Hello, world", r.takeSampledAnswer());
  }

  @Test
  void aWebSocketJsonStreamEndsAtItsDoneMessage() {
    StreamRecorder r = recorder(EventParser.forMessages(WS_JSON_DIALECT));
    feed(r, WS_JSON);
    assertTrue(r.endMarkerReceived());
    StreamResult s = r.finish(at(141), Termination.END_MARKER_RECEIVED, null);
    assertEquals(Optional.empty(), s.failure());
    assertEquals(2, s.fragments());
    assertEquals(2, s.outputTokens());
    assertEquals(140 * MS, s.e2eNanos());
  }

  @Test
  void aSparkStreamsLastFrameCarriesTextAndEndsIt() {
    StreamRecorder r = recorder(EventParser.forMessages(WS_SPARK_DIALECT));
    feed(r, WS_SPARK);
    assertTrue(r.endMarkerReceived());
    StreamResult s = r.finish(at(161), Termination.END_MARKER_RECEIVED, null);
    assertEquals(Optional.empty(), s.failure());
    assertEquals(3, s.fragments());
    assertEquals(6, s.textChars());
    assertEquals(3, s.outputTokens());
    assertEquals(160 * MS, s.e2eNanos());
  }

  @Test
  void aSparkFrameWithANonZeroCodeIsAnErrorEvenThoughItAlsoSaysStatus2() {
    StreamRecorder r = recorder(EventParser.forMessages(WS_SPARK_DIALECT));
    feed(r, WS_SPARK_ERROR);
    StreamResult s = r.finish(at(101), Termination.ABORTED, null);
    assertEquals(Optional.of(FailureClass.ERROR_EVENT), s.failure());
  }

  @Test
  void aWebSocketMessageThatIsNotJsonIsMalformedUnlessTextIsPlain() {
    assertEquals(
        EventKind.MALFORMED, EventParser.forMessages(WS_JSON_DIALECT).parse("hello").kind());
    EventParser plain = EventParser.forMessages(WS_JSON_DIALECT.withTextMode(TextMode.PLAIN));
    ParsedEvent e = plain.parse("hello");
    assertEquals(EventKind.TEXT, e.kind());
    assertEquals(5, e.textChars());
    assertEquals(EventKind.TEXT, plain.parse("[DONE]").kind(), "no marker rule: only text");
    EventParser plainWithMarker =
        EventParser.forMessages(
            new StreamDialect(List.of("text"), null, null, "[DONE]").withTextMode(TextMode.PLAIN));
    assertEquals(EventKind.END_MARKER, plainWithMarker.parse("[DONE]").kind());
  }

  @Test
  void aWebSocketMessageThatIsExactlyTheMarkerEndsTheStream() {
    EventParser p =
        EventParser.forMessages(new StreamDialect(List.of("text"), null, null, "[DONE]"));
    assertEquals(EventKind.END_MARKER, p.parse("[DONE]").kind());
    assertEquals(EventKind.TEXT, p.parse("{\"text\":\"[DONE]\"}").kind());
    assertNull(p.parse("{\"text\":\"a\"}").finishReason());
  }

  // ---- helpers ----

  private static StreamRecorder recorder(EventParser parser) {
    return new StreamRecorder("r", "u", 0, SEND, SEND, LIMITS, parser, false);
  }

  private static StreamRecorder sse(StreamDialect dialect, String recording) {
    StreamRecorder r = recorder(new EventParser(dialect));
    r.onHeaders(SEND + 60 * MS, 200, "text/event-stream");
    feed(r, recording);
    return r;
  }

  private static void feed(StreamRecorder r, String recording) {
    if (recording.isBlank()) {
      return;
    }
    for (RecordedStreams.Event e : events(recording)) {
      r.onEvent(e.nanos(), e.message());
    }
  }
}
