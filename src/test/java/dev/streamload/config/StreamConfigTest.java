package dev.streamload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.stream.EndRule;
import dev.streamload.stream.JsonCondition;
import dev.streamload.stream.TextMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamConfigTest {

  private static Settings settings(Map<String, String> props) {
    return new Settings(props, Map.of());
  }

  @Test
  void byDefaultAStreamEndsAtDoneIsReadAsDeltasAndErrorsOnlyByTheErrorMember() {
    Settings s = settings(Map.of());
    StreamConfig c = StreamConfig.read(s, false);
    assertEquals(List.of(), s.problems());
    assertEquals(EndRule.marker("[DONE]"), c.end());
    assertEquals(TextMode.DELTA, c.text());
    assertEquals(List.of(), c.errorEvents());
    assertNull(c.errorWhen());
    assertEquals("[DONE]", c.dialect().endMarker());
  }

  @Test
  void theEndRuleTextModeAndErrorRulesReachTheDialect() {
    Settings s =
        settings(
            Map.of(
                "stream.end", "event:message_stop",
                "stream.text", "cumulative",
                "stream.errorEvents", "error, response.failed",
                "stream.errorWhen", "event == error"));
    StreamConfig c = StreamConfig.read(s, false);
    assertEquals(List.of(), s.problems());
    assertEquals(EndRule.event("message_stop"), c.dialect().endRule());
    assertEquals(TextMode.CUMULATIVE, c.dialect().textMode());
    assertEquals(List.of("error", "response.failed"), c.dialect().errorEvents());
    assertEquals(JsonCondition.parse("x", "event == error"), c.dialect().errorWhen());
    assertNull(c.endMarker(), "an event rule has no marker");
  }

  @Test
  void theOldEndMarkerPropertyIsShortForAMarkerRule() {
    Settings s = settings(Map.of("stream.endMarker", "<|end|>"));
    assertEquals(EndRule.marker("<|end|>"), StreamConfig.read(s, false).end());
  }

  @Test
  void settingBothEndPropertiesIsAProblemNamingBoth() {
    Settings s = settings(Map.of("stream.end", "close", "stream.endMarker", "[DONE]"));
    StreamConfig.read(s, false);
    assertEquals(1, s.problems().size(), s.problems().toString());
    assertTrue(
        s.problems().get(0).contains("stream.end and stream.endMarker"), s.problems().get(0));
  }

  @Test
  void eachBadStreamRuleIsReportedWithItsPropertyAndValueAllAtOnce() {
    Settings s =
        settings(
            Map.of(
                "stream.end", "finish",
                "stream.text", "incremental",
                "stream.errorWhen", "a == b c"));
    StreamConfig.read(s, false);
    String all = String.join("\n", s.problems());
    assertEquals(3, s.problems().size(), all);
    assertTrue(all.contains("stream.end 'finish'"), all);
    assertTrue(all.contains("stream.text = 'incremental'"), all);
    assertTrue(all.contains("stream.errorWhen 'a == b c'"), all);
  }

  @Test
  void anErrorEventThatIsAlsoTheEndEventIsAProblem() {
    Settings s = settings(Map.of("stream.end", "event:done", "stream.errorEvents", "done"));
    StreamConfig.read(s, false);
    assertEquals(1, s.problems().size(), s.problems().toString());
    assertTrue(s.problems().get(0).contains("stream.errorEvents"), s.problems().get(0));
  }
}
