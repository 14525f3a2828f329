package dev.streamload.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamload.api.RequestTemplate;
import dev.streamload.api.Template;
import dev.streamload.api.Values;
import dev.streamload.ws.WsSettings;
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

  private static WsSettings socket(String authMessage, String message) {
    return new WsSettings(
        "ws://127.0.0.1/ws/chat",
        WsSettings.Auth.MESSAGE,
        "token",
        authMessage,
        message,
        WsSettings.Socket.CONVERSATION,
        null,
        "ws-json");
  }

  @Test
  void aSocketBuildsTheArraysItsMessagesRead() {
    assertEquals(
        Set.of(),
        WebSocketScenario.arraysRead(
            socket("{\"token\":\"#{token}\"}", "{\"prompt\":#{prompt.jsonStringify()}}")));
    assertEquals(
        Set.of(Values.MESSAGES),
        WebSocketScenario.arraysRead(socket("{}", "{\"messages\":#{messages}}")));
    assertEquals(
        Set.of(Values.CONTENTS),
        WebSocketScenario.arraysRead(socket("{\"history\":#{contents}}", "{}")));
  }
}
