package dev.streamload.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {

  private final EventParser defaults = new EventParser(StreamDialect.projectDefault());
  private final EventParser openAi = new EventParser(StreamDialect.openAi());

  @Test
  void readsTextLengthFromTheDefaultDelta() {
    ParsedEvent e = defaults.parse("{\"data\":{\"delta\":\"Hi there\"}}");
    assertEquals(EventKind.TEXT, e.kind());
    assertEquals(8, e.textChars());
    assertEquals(-1, e.usageTokens());
  }

  @Test
  void countsEscapedAndNonAsciiTextInUtf16Chars() {
    ParsedEvent e = defaults.parse("{\"data\":{\"delta\":\"a\\\"\\u00e9\u00e8\"}}");
    assertEquals(4, e.textChars());
  }

  @Test
  void recognisesDoneFromTheRawGatlingRendering() {
    assertSame(ParsedEvent.END_MARKER, openAi.parse("{\"data\":[DONE]}"));
    assertSame(
        ParsedEvent.END_MARKER, openAi.parse("{\"event\":\"x\",\"id\":\"7\",\"data\":[DONE]}"));
  }

  @Test
  void recognisesDoneSentAsAPlainString() {
    assertEquals(EventKind.END_MARKER, openAi.parse("{\"data\":\"[DONE]\"}").kind());
  }

  @Test
  void recognisesDoneSentAsAStringWithSpaces() {
    assertEquals(EventKind.END_MARKER, openAi.parse("{\"data\":\" [DONE] \"}").kind());
  }

  @Test
  void treatsAnErrorEventThatMentionsTheMarkerAsAnErrorNotAnEnd() {
    assertEquals(
        EventKind.ERROR,
        openAi.parse("{\"data\":{\"error\":{\"message\":\"stopped before [DONE]\"}}}").kind());
    assertEquals(
        EventKind.ERROR, defaults.parse("{\"data\":{\"error\":\"no [DONE] for you\"}}").kind());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"data\":{\"delta\":\"abc [DONE]",
        "{\"data\":{\"delta\":\"[DONE]\"}",
        "{\"data\":\"{\\\"delta\\\": \\\"[DONE]\"}",
        "{\"data\":[1,[DONE]]}"
      })
  void treatsABrokenEventThatMentionsTheMarkerAsMalformedNotAnEnd(String message) {
    assertSame(ParsedEvent.MALFORMED, defaults.parse(message));
  }

  @Test
  void treatsAMarkerInsideGeneratedTextAsText() {
    ParsedEvent e = openAi.parse("{\"data\":{\"choices\":[{\"delta\":{\"content\":\"[DONE]\"}}]}}");
    assertEquals(EventKind.TEXT, e.kind());
    assertEquals(6, e.textChars());
  }

  @Test
  void recognisesAConfiguredMarkerInAnEventNameAndKeepsItsUsage() {
    EventParser p =
        new EventParser(
            new StreamDialect(
                List.of("delta.text"), "usage.output_tokens", "error", "message_stop"));
    ParsedEvent e =
        p.parse(
            "{\"event\":\"message_stop\",\"data\":{\"type\":\"x\",\"usage\":{\"output_tokens\":7}}}");
    assertEquals(EventKind.END_MARKER, e.kind());
    assertEquals(7, e.usageTokens());
  }

  @Test
  void treatsARoleOnlyChunkAsNoText() {
    ParsedEvent e =
        openAi.parse(
            "{\"data\":{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}}");
    assertSame(ParsedEvent.NO_TEXT, e);
  }

  @Test
  void treatsAFinishChunkAsNoTextThatCarriesTheFinishReason() {
    assertEquals(
        new ParsedEvent(EventKind.NO_TEXT, 0, -1, "stop"),
        openAi.parse("{\"data\":{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}}"));
  }

  @Test
  void treatsNullContentAndNullUsageAsNoText() {
    assertSame(
        ParsedEvent.NO_TEXT,
        openAi.parse("{\"data\":{\"choices\":[{\"delta\":{\"content\":null}}],\"usage\":null}}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"data\":\"\"}", "{\"data\":\"ping\"}", "{\"retry\":3000}"})
  void treatsKeepAlivesAndPlainStringsAsNoText(String message) {
    assertSame(ParsedEvent.NO_TEXT, defaults.parse(message));
  }

  @Test
  void readsUsageWithoutText() {
    ParsedEvent e =
        openAi.parse(
            "{\"data\":{\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12}}}");
    assertEquals(EventKind.USAGE, e.kind());
    assertEquals(12, e.usageTokens());
  }

  @Test
  void reportsTextAndUsageTogetherAsTextWithTokens() {
    ParsedEvent e =
        openAi.parse(
            "{\"data\":{\"choices\":[{\"delta\":{\"content\":\"end\"}}],\"usage\":{\"completion_tokens\":5}}}");
    assertEquals(EventKind.TEXT, e.kind());
    assertEquals(3, e.textChars());
    assertEquals(5, e.usageTokens());
  }

  @Test
  void countsReasoningAsText() {
    ParsedEvent e =
        openAi.parse("{\"data\":{\"choices\":[{\"delta\":{\"reasoning_content\":\"hmm\"}}]}}");
    assertEquals(EventKind.TEXT, e.kind());
    assertEquals(3, e.textChars());
  }

  @Test
  void sumsContentAndReasoningInOneChunk() {
    ParsedEvent e =
        openAi.parse(
            "{\"data\":{\"choices\":[{\"delta\":{\"reasoning_content\":\"ab\",\"content\":\"cde\"}}]}}");
    assertEquals(5, e.textChars());
  }

  @Test
  void readsOnlyTheConfiguredChoice() {
    assertSame(
        ParsedEvent.NO_TEXT,
        openAi.parse(
            "{\"data\":{\"choices\":[{\"delta\":{}},{\"delta\":{\"content\":\"second\"}}]}}"));
  }

  @Test
  void ignoresTextPathsHoldingNonStrings() {
    assertSame(ParsedEvent.NO_TEXT, defaults.parse("{\"data\":{\"delta\":{\"text\":\"x\"}}}"));
    assertSame(ParsedEvent.NO_TEXT, defaults.parse("{\"data\":{\"delta\":42}}"));
  }

  @Test
  void recognisesAnErrorEvent() {
    ParsedEvent e =
        openAi.parse(
            "{\"data\":{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}}");
    assertEquals(EventKind.ERROR, e.kind());
  }

  @Test
  void ignoresANullErrorMember() {
    assertEquals(
        EventKind.TEXT,
        openAi
            .parse("{\"data\":{\"error\":null,\"choices\":[{\"delta\":{\"content\":\"x\"}}]}}")
            .kind());
  }

  @Test
  void prefersErrorOverText() {
    assertEquals(
        EventKind.ERROR, defaults.parse("{\"data\":{\"delta\":\"x\",\"error\":\"boom\"}}").kind());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"data\":{\"delta\": \"abc}",
        "{\"data\":{\"delta\":\"abc\"}",
        "{\"data\":{\"delta\":\"abc\"}}}",
        "{\"data\":{\"delta\" \"abc\"}}",
        "{\"data\":[1,2}",
        "not json",
        "[1,2]",
        "\"just a string\"",
        "{\"data\":{\"delta\":\"a\"}} trailing",
        // How Gatling hands over data that is not JSON: as a string (a truncated object here).
        "{\"data\":\"{\\\"delta\\\": \\\"abc\"}",
        "{\"data\":\"[1, 2\"}",
        ""
      })
  void classifiesBrokenMessagesAsMalformedWithoutThrowing(String message) {
    assertSame(ParsedEvent.MALFORMED, defaults.parse(message));
  }

  @Test
  void blankStringDataIsAnEventWithoutText() {
    assertEquals(EventKind.NO_TEXT, defaults.parse("{\"data\":\"\"}").kind());
  }

  @Test
  void classifiesNullAsMalformed() {
    assertSame(ParsedEvent.MALFORMED, defaults.parse(null));
  }

  @Test
  void skipsLargeUnrelatedMembers() {
    String big = "x".repeat(10_000);
    ParsedEvent e =
        openAi.parse(
            "{\"id\":\"1\",\"data\":{\"model\":\""
                + big
                + "\",\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"a\",\"bytes\":[1,2]}]},"
                + "\"delta\":{\"content\":\"ok\"}}]}}");
    assertEquals(EventKind.TEXT, e.kind());
    assertEquals(2, e.textChars());
  }

  @Test
  void isSafeToShareBetweenThreads() throws InterruptedException {
    int threads = 4;
    int[] texts = new int[threads];
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int slot = t;
      ts[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 20_000; i++) {
                  if (openAi
                          .parse(
                              "{\"data\":{\"choices\":[{\"delta\":{\"content\":\"t" + i + "\"}}]}}")
                          .kind()
                      == EventKind.TEXT) {
                    texts[slot]++;
                  }
                }
              });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    for (int count : texts) {
      assertEquals(20_000, count);
    }
  }
}
