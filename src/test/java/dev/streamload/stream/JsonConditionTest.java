package dev.streamload.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonConditionTest {

  /** A WebSocket-style parser whose only rule is {@code errorWhen}: the condition decides ERROR. */
  private static boolean holds(String condition, String message) {
    StreamDialect dialect =
        new StreamDialect(List.of("text"), null, null, "[DONE]")
            .withErrors(List.of(), JsonCondition.parse("stream.errorWhen", condition));
    return EventParser.forMessages(dialect).parse(message).kind() == EventKind.ERROR;
  }

  @ParameterizedTest(name = "{0} on {1} is {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "event == message_end       | {\"event\":\"message_end\"}               | true",
        "event == message_end       | {\"event\":\"message\"}                   | false",
        "event == message_end       | {}                                        | false",
        "header.status == 2         | {\"header\":{\"status\":2}}               | true",
        "header.status == 2         | {\"header\":{\"status\":2.0}}             | true",
        "header.status == 2         | {\"header\":{\"status\":\"2\"}}           | true",
        "header.status == 2         | {\"header\":{\"status\":1}}               | false",
        "header.code != 0           | {\"header\":{\"code\":10013}}             | true",
        "header.code != 0           | {\"header\":{\"code\":0}}                 | false",
        "header.code != 0           | {\"payload\":{}}                          | false",
        "header.code != 0           | {\"header\":{\"code\":null}}              | false",
        "candidates[0].finishReason | {\"candidates\":[{\"finishReason\":\"STOP\"}]} | true",
        "candidates[0].finishReason | {\"candidates\":[{\"finishReason\":null}]} | false",
        "candidates[0].finishReason | {\"candidates\":[{}]}                      | false",
        "error                      | {\"error\":{\"code\":1}}                  | true",
        "error != x                 | {\"error\":{\"code\":1}}                  | true",
        "error == x                 | {\"error\":{\"code\":1}}                  | false",
        "done == true               | {\"done\":true}                           | true",
        "done == true               | {\"done\":false}                          | false",
        "x == null                  | {\"x\":null}                              | true",
        "type == 'a b'              | {\"type\":\"a b\"}                        | true",
        "type == \"a == b\"         | {\"type\":\"a == b\"}                     | true",
      })
  void aConditionHoldsExactlyWhenItsPathHoldsTheValue(
      String condition, String message, boolean expected) {
    assertEquals(expected, holds(condition, message));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "a ==", "== 2", "a == 'open", "a == b c", "a..b == 1", "a != "})
  void aBadConditionIsRejectedNamingThePropertyAndTheText(String text) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> JsonCondition.parse("stream.errorWhen", text));
    assertTrue(
        e.getMessage().startsWith("stream.errorWhen '" + text.strip() + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("path == value"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"a,PRESENT,", "a == 1,EQUALS,1", "a != 'x y',DIFFERS,x y", "a.b[2]=='=',EQUALS,="})
  void parsesThePathTheOperatorAndTheUnquotedValue(String text, String op, String value) {
    JsonCondition c = JsonCondition.parse("f", text);
    assertEquals(JsonCondition.Op.valueOf(op), c.op());
    assertEquals(value, c.value());
    assertFalse(c.path().contains(" "));
  }
}
