package dev.streamload.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser's finish-reason path and its copy of the answer text, on recorded API shapes. */
class FinishReasonParsingTest {

  private final EventParser openAi = new EventParser(StreamDialect.openAi());
  private final EventParser project = new EventParser(StreamDialect.projectDefault());

  /** Anthropic messages as the README configures them (the preset comes with issue 9). */
  static final StreamDialect ANTHROPIC =
      new StreamDialect(
          List.of("delta.text"),
          "usage.output_tokens",
          "error",
          "message_stop",
          "delta.stop_reason");

  /** Gemini streamGenerateContent as the README configures it. */
  static final StreamDialect GEMINI =
      new StreamDialect(
          List.of("candidates[0].content.parts[0].text"),
          "usageMetadata.candidatesTokenCount",
          "error",
          "[DONE]",
          "candidates[0].finishReason");

  @Test
  void ignoresTheNullFinishReasonOfOpenAiContentChunks() {
    ParsedEvent e =
        openAi.parse(
            "{\"data\":{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},"
                + "\"finish_reason\":null}]}}");
    assertSame(ParsedEvent.text(2, -1), e, "a shared instance: no allocation per content chunk");
    assertNull(e.finishReason());
  }

  @Test
  void readsTheProjectDialectsFinishReasonBesideItsUsage() {
    ParsedEvent e =
        project.parse("{\"data\":{\"usage\":{\"output_tokens\":5},\"finish_reason\":\"length\"}}");
    assertEquals(new ParsedEvent(EventKind.USAGE, 0, 5, "length"), e);
  }

  @Test
  void readsAFinishReasonThatArrivesWithTheLastText() {
    EventParser gemini = new EventParser(GEMINI);
    ParsedEvent e =
        gemini.parse(
            "{\"data\":{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"end.\"}],"
                + "\"role\":\"model\"},\"finishReason\":\"MAX_TOKENS\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":12}}}");
    assertEquals(new ParsedEvent(EventKind.TEXT, 4, 12, "MAX_TOKENS"), e);
  }

  @Test
  void readsAnthropicsStopReasonFromTheMessageDeltaEvent() {
    EventParser anthropic = new EventParser(ANTHROPIC);
    ParsedEvent e =
        anthropic.parse(
            "{\"event\":\"message_delta\",\"data\":{\"type\":\"message_delta\",\"delta\":"
                + "{\"stop_reason\":\"max_tokens\",\"stop_sequence\":null},"
                + "\"usage\":{\"output_tokens\":15}}}");
    assertEquals(new ParsedEvent(EventKind.USAGE, 0, 15, "max_tokens"), e);
    assertEquals(
        ParsedEvent.text(5, -1),
        anthropic.parse(
            "{\"event\":\"content_block_delta\",\"data\":{\"type\":\"content_block_delta\","
                + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}}"));
  }

  @Test
  void keepsAFinishReasonCarriedByTheEndMarkerEvent() {
    EventParser p =
        new EventParser(
            new StreamDialect(
                List.of("delta.text"), null, null, "message_stop", "delta.stop_reason"));
    ParsedEvent e =
        p.parse("{\"event\":\"message_stop\",\"data\":{\"delta\":{\"stop_reason\":\"end_turn\"}}}");
    assertEquals(new ParsedEvent(EventKind.END_MARKER, 0, -1, "end_turn"), e);
  }

  @Test
  void ignoresEmptyAndNonStringFinishReasons() {
    assertSame(ParsedEvent.NO_TEXT, project.parse("{\"data\":{\"finish_reason\":\"\"}}"));
    assertSame(ParsedEvent.NO_TEXT, project.parse("{\"data\":{\"finish_reason\":3}}"));
    assertSame(ParsedEvent.NO_TEXT, project.parse("{\"data\":{\"finish_reason\":{\"a\":1}}}"));
  }

  @Test
  void cutsAnOverlongFinishReason() {
    String longReason = "x".repeat(500);
    ParsedEvent e = project.parse("{\"data\":{\"finish_reason\":\"" + longReason + "\"}}");
    assertEquals(ParsedEvent.MAX_FINISH_REASON_CHARS, e.finishReason().length());
  }

  @Test
  void readsNoFinishReasonWhenTheDialectHasNoPath() {
    EventParser p = new EventParser(new StreamDialect(List.of("delta"), null, null, "[DONE]"));
    assertSame(ParsedEvent.NO_TEXT, p.parse("{\"data\":{\"finish_reason\":\"length\"}}"));
  }

  @Test
  void copiesTheTextOfTextEventsOnlyIntoTheCallersBuffer() {
    StringBuilder text = new StringBuilder();
    openAi.parse(
        "{\"data\":{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}}", text);
    openAi.parse("{\"data\":{\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}}", text);
    openAi.parse(
        "{\"data\":{\"choices\":[{\"delta\":{\"reasoning_content\":\"a\\\"b\",\"content\":\"lo\"}}]}}",
        text);
    assertEquals("Hela\"blo", text.toString(), "every text path, in document order, unescaped");

    ParsedEvent error =
        openAi.parse(
            "{\"data\":{\"choices\":[{\"delta\":{\"content\":\"partial\"}}],\"error\":{\"m\":1}}}",
            text);
    ParsedEvent broken =
        openAi.parse("{\"data\":{\"choices\":[{\"delta\":{\"content\":\"cut", text);
    assertEquals(EventKind.ERROR, error.kind());
    assertEquals(EventKind.MALFORMED, broken.kind());
    assertEquals("Hela\"blo", text.toString(), "an error or broken event adds no text");
  }

  @Test
  void classifiesTheSameWithAndWithoutATextBuffer() {
    String[] messages = {
      "{\"data\":{\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}}",
      "{\"data\":{\"choices\":[{\"delta\":{\"content\":\"[DONE]\"}}]}}",
      "{\"data\":[DONE]}",
      "{\"data\":\"ping\"}",
      "{\"data\":{\"choices\":[],\"usage\":{\"completion_tokens\":3}}}"
    };
    for (String m : messages) {
      assertEquals(openAi.parse(m), openAi.parse(m, new StringBuilder()), m);
    }
  }
}
