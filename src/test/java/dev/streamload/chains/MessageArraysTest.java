package dev.streamload.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamload.api.RequestTemplate;
import dev.streamload.api.Template;
import dev.streamload.api.Values;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which message arrays (with the conversation history) a turn builds: only those the stream request
 * reads, wherever in the request it reads them; each is a JSON document built per turn.
 */
class MessageArraysTest {

  private static RequestTemplate request(String path, String header, String body) {
    return new RequestTemplate(
        "chat",
        RequestTemplate.Method.POST,
        Template.inline("chat.path", path),
        Map.of("X-History", Template.inline("chat.header.X-History", header)),
        Map.of(),
        Template.inline("chat.body", body));
  }

  @Test
  void aBodyThatReadsNeitherArrayBuildsNone() {
    assertEquals(
        Set.of(),
        ChatScenario.arraysRead(
            request("/api/chat", "x", "{\"message\":#{prompt.jsonStringify()}}")));
  }

  @Test
  void eachArrayIsBuiltWhenAnyPartOfTheRequestReadsIt() {
    assertEquals(
        Set.of(Values.MESSAGES),
        ChatScenario.arraysRead(request("/v1", "x", "{\"messages\":#{messages}}")));
    assertEquals(
        Set.of(Values.CONTENTS),
        ChatScenario.arraysRead(request("/v1", "#{contents.jsonStringify()}", "{}")));
    assertEquals(
        Set.of(Values.MESSAGES, Values.CONTENTS),
        ChatScenario.arraysRead(request("/v1/#{messages}", "x", "#{contents}")));
  }
}
