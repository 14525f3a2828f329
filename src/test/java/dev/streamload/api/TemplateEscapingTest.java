package dev.streamload.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values inserted into JSON bodies with Gatling's {@code jsonStringify()} give valid JSON whatever
 * the prompt holds, and every preset's stream body is valid JSON for such a prompt.
 */
class TemplateEscapingTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static final String NASTY =
      "He said \"hi\"\\n and left.\nLine two\twith a tab, a backslash \\ and emoji 🚀👩‍💻, </script>"
          + " and a control char \u0001";

  @Test
  void aPromptWithQuotesNewlinesBackslashesAndEmojiGivesValidJsonHoldingTheSameText()
      throws Exception {
    String body =
        El.render("{\"q\":#{prompt.jsonStringify()},\"n\":1}", Map.of(Values.PROMPT, NASTY));

    JsonNode parsed = JSON.readTree(body);

    assertEquals(NASTY, parsed.path("q").asText());
    assertEquals(1, parsed.path("n").asInt());
  }

  @Test
  void aPlainReferenceInsertsTheRawValueSoItIsNotJsonSafe() {
    String body = El.render("{\"q\":\"#{prompt}\"}", Map.of(Values.PROMPT, "say \"x\""));

    assertThrows(Exception.class, () -> JSON.readTree(body));
  }

  @Test
  void theHistoryMessagesAreRawJsonArraysThatKeepEveryTurnsText() throws Exception {
    History history = new History(5);
    history.answered("first \"q\"", "first answer\n🚀");
    String body =
        El.render("{\"messages\":#{messages}}", Map.of(Values.MESSAGES, history.messages(NASTY)));

    JsonNode messages = JSON.readTree(body).path("messages");

    assertEquals(3, messages.size());
    assertEquals("first answer\n🚀", messages.get(1).path("content").asText());
    assertEquals("assistant", messages.get(1).path("role").asText());
    assertEquals(NASTY, messages.get(2).path("content").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"chat", "openai-chat", "openai-responses", "anthropic", "gemini", "dify"})
  void everyPresetsStreamBodyIsValidJsonForAPromptThatNeedsEscaping(String preset)
      throws Exception {
    String template = Presets.load(preset).get("chat.body");
    if (template == null) {
      // chat: built from chat.conversationField and chat.promptField
      template =
          "{\"conversationId\":#{conversationId.jsonStringify()},\"prompt\":#{prompt.jsonStringify()}}";
    }
    History history = new History(0);
    Map<String, Object> values = new HashMap<>();
    values.put(Values.PROMPT, NASTY);
    values.put(Values.CONVERSATION_ID, "");
    values.put(Values.MODEL, "m-1");
    values.put(Values.MAX_TOKENS, "null");
    values.put(Values.INCLUDE_USAGE, true);
    values.put(Values.USER, "streamload-1");
    values.put(Values.MESSAGES, history.messages(NASTY));
    values.put(Values.CONTENTS, history.contents(NASTY));

    JsonNode body = JSON.readTree(El.render(template, values));

    assertTrue(
        body.toString().contains(JSON.writeValueAsString(NASTY).replace("\"", "").substring(0, 5)),
        body.toString());
    assertTrue(
        body.findValuesAsText("content").contains(NASTY)
            || body.findValuesAsText("text").contains(NASTY)
            || body.findValuesAsText("query").contains(NASTY)
            || body.findValuesAsText("prompt").contains(NASTY),
        preset + ": the prompt is not in " + body);
  }
}
