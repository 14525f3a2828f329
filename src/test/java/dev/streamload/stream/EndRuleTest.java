package dev.streamload.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndRuleTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "marker:[DONE]                | MARKER | marker:[DONE]",
        "event:message_stop           | EVENT  | event:message_stop",
        "event: response.completed    | EVENT  | event:response.completed",
        "when:event == message_end    | WHEN   | when:event == message_end",
        "  close                      | CLOSE  | close",
      })
  void readsEachKindAndWritesItBackAsTheUserWroteIt(String text, String kind, String back) {
    EndRule rule = EndRule.parse("stream.end", text);
    assertEquals(EndRule.Kind.valueOf(kind), rule.kind());
    assertEquals(back, rule.text());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "DONE", "[DONE]", "marker:", "event:", "event:a\"b", "when:", "closed"})
  void aBadRuleIsRejectedNamingThePropertyTheValueAndTheForms(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EndRule.parse("stream.end", text));
    assertTrue(e.getMessage().startsWith("stream.end '" + text.strip() + "'"), e.getMessage());
    assertTrue(
        e.getMessage().contains("marker:") || e.getMessage().contains("not an end rule"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "DONE", "closed"})
  void anUnknownFormListsTheFourForms(String text) {
    String message =
        assertThrows(IllegalArgumentException.class, () -> EndRule.parse("stream.end", text))
            .getMessage();
    for (String form : new String[] {"marker:", "event:", "when:", "close"}) {
      assertTrue(message.contains(form), message);
    }
  }
}
