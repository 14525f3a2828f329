package dev.streamload.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class HistoryTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void eachAnsweredTurnAddsItsPromptAndAnswerBeforeTheNextPrompt() throws Exception {
    History h = new History(10);
    h.answered("p1", "a1");
    h.answered("p2", "a2");

    JsonNode m = JSON.readTree(h.messages("p3"));

    assertEquals(5, m.size());
    assertEquals("user|p1 assistant|a1 user|p2 assistant|a2 user|p3", roles(m, "content"));
  }

  @Test
  void geminiContentsUseTheModelRoleAndTextParts() throws Exception {
    History h = new History(10);
    h.answered("p1", "a1");

    JsonNode c = JSON.readTree(h.contents("p2"));

    assertEquals("model", c.get(1).path("role").asText());
    assertEquals("a1", c.get(1).path("parts").get(0).path("text").asText());
    assertEquals("p2", c.get(2).path("parts").get(0).path("text").asText());
  }

  @Test
  void onlyTheLastMaxTurnsExchangesAreKept() throws Exception {
    History h = new History(2);
    for (int i = 1; i <= 5; i++) {
      h.answered("p" + i, "a" + i);
    }

    JsonNode m = JSON.readTree(h.messages("p6"));

    assertEquals(2, h.size());
    assertEquals("user|p4 assistant|a4 user|p5 assistant|a5 user|p6", roles(m, "content"));
  }

  @Test
  void aTurnWithoutAnswerTextIsNotKept() {
    History h = new History(3);
    h.answered("p1", null);
    h.answered("p2", "");

    assertEquals(0, h.size());
  }

  @Test
  void withoutHistoryEachTurnSendsItsPromptAlone() throws Exception {
    History h = new History(0);
    h.answered("p1", "a1");

    assertEquals(1, JSON.readTree(h.messages("p2")).size());
  }

  private static String roles(JsonNode messages, String field) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode m : messages) {
      sb.append(sb.length() == 0 ? "" : " ")
          .append(m.path("role").asText())
          .append('|')
          .append(m.path(field).asText());
    }
    return sb.toString();
  }
}
