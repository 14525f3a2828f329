package dev.streamload.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AnswerValueTest {

  static String sse(String data) {
    return "{\"event\":\"message\",\"data\":"
        + com.fasterxml.jackson.databind.node.TextNode.valueOf(data)
        + "}";
  }

  @Test
  void theFirstEventThatHoldsTheValueGivesIt() {
    AnswerValue v = new AnswerValue("conversation_id");
    v.offer(sse("{\"event\":\"message\",\"answer\":\"Hi\",\"conversation_id\":\"\"}"));
    v.offer(sse("{\"event\":\"message\",\"answer\":\"Hi\",\"conversation_id\":\"c-1\"}"));
    v.offer(sse("{\"event\":\"message\",\"conversation_id\":\"c-2\"}"));

    assertEquals("c-1", v.value());
  }

  @Test
  void aNestedPathAndPlainDataAreRead() {
    AnswerValue v = new AnswerValue("meta.ids[1]");
    v.offer("{\"meta\":{\"ids\":[\"a\",\"b\"]}}");

    assertEquals("b", v.value());
  }

  @Test
  void eventsThatAreNotJsonOrLackTheValueLeaveItUnset() {
    AnswerValue v = new AnswerValue("conversation_id");
    v.offer(sse("[DONE]"));
    v.offer(sse("plain text"));
    v.offer("not json at all");
    v.offer(null);

    assertNull(v.value());
  }

  @Test
  void aPathWithAnEmptyStepIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new AnswerValue("a..b"));
  }
}
