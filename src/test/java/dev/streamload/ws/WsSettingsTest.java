package dev.streamload.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.api.Values;
import dev.streamload.config.RunConfig;
import dev.streamload.config.Settings;
import dev.streamload.stream.ContentChecks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The WebSocket settings: presets under the flags, validation that names the property. */
class WsSettingsTest {

  private static final String BASE = "http://127.0.0.1:8089";

  /** What the default profile lets a stream step's template read (RunConfig.chatValues). */
  static final Set<String> KNOWN =
      Stream.concat(Values.ALWAYS.stream(), Stream.of(Values.CONVERSATION_ID))
          .collect(Collectors.toUnmodifiableSet());

  private static Settings settings(Map<String, String> props, Map<String, String> env) {
    return new Settings(props, env, "ws-json");
  }

  private static Map<String, String> props(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void theJsonPresetIsTheDefaultAndTargetsTheMocksJsonSocket() {
    Settings s = settings(props(), Map.of());
    WsSettings ws = WsSettings.read(s, BASE, KNOWN);

    assertEquals(List.of(), s.problems());
    assertEquals("ws://127.0.0.1:8089/ws/chat", ws.url());
    assertEquals(WsSettings.Auth.QUERY, ws.auth());
    assertEquals(WsSettings.Socket.CONVERSATION, ws.socket());
    assertEquals("when:type == done", ws.reading().describe());
    assertTrue(ws.message().contains("#{prompt.jsonStringify()}"), ws.message());
  }

  @Test
  void theSparkPresetReadsOneSocketPerTurnAndTheStatusTwoEnd() {
    Settings s = settings(props("preset", "ws-spark"), Map.of());
    WsSettings ws = WsSettings.read(s, "https://chat.example.com/", KNOWN);

    assertEquals(List.of(), s.problems());
    assertEquals("wss://chat.example.com/ws/spark", ws.url());
    assertEquals(WsSettings.Socket.TURN, ws.socket());
    assertEquals("when:header.status == 2", ws.reading().describe());
  }

  @Test
  void aFlagOrAnEnvironmentVariableOverridesThePreset() {
    Settings s =
        settings(
            props("preset", "ws-spark", "ws.socket", "conversation"),
            Map.of("STREAMLOAD_WS_PATH", "/v2/chat"));
    WsSettings ws = WsSettings.read(s, BASE, KNOWN);

    assertEquals(List.of(), s.problems());
    assertEquals(WsSettings.Socket.CONVERSATION, ws.socket());
    assertEquals("ws://127.0.0.1:8089/v2/chat", ws.url());
  }

  @Test
  void aMessageTemplateComesFromAFileWithAnAt(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("message.json");
    java.nio.file.Files.writeString(file, "{\"q\":#{prompt.jsonStringify()}}\n");
    Settings s = settings(props("ws.message", "@" + file), Map.of());

    assertEquals("{\"q\":#{prompt.jsonStringify()}}", WsSettings.read(s, BASE, KNOWN).message());
    assertEquals(List.of(), s.problems());
  }

  @Test
  void badValuesAreProblemsThatNameTheProperty() {
    Settings s =
        settings(
            props(
                "ws.auth", "cookie",
                "ws.url", "http://x",
                "ws.message", "@no/such/file.json",
                "stream.end", "event:message_stop"),
            Map.of());
    WsSettings.read(s, BASE, KNOWN);

    String all = String.join("\n", s.problems());
    assertTrue(all.contains("ws.auth = 'cookie'"), all);
    assertTrue(all.contains("ws.url = 'http://x'"), all);
    assertTrue(all.contains("ws.message = '@no/such/file.json'"), all);
    assertTrue(
        all.contains("stream.end = 'event:message_stop': a WebSocket message has no event"), all);
  }

  @Test
  void aMessageTemplateThatReadsAValueNoStepSetsIsAProblemNamingTheTemplateAndTheValue() {
    Settings s = settings(props("ws.message", "{\"q\":#{promt.jsonStringify()}}"), Map.of());
    WsSettings.read(s, BASE, KNOWN);

    assertEquals(1, s.problems().size(), s.problems().toString());
    String problem = s.problems().get(0);
    assertTrue(
        problem.startsWith(
            "ws.message references #{promt}, which no step, feeder or setting provides (known"
                + " here: "),
        problem);
    assertTrue(problem.contains("prompt"), "the values it could read: " + problem);
  }

  @Test
  void theAuthMessageIsCheckedOnlyWhenItIsSent() {
    String authMessage = "{\"type\":\"auth\",\"token\":\"#{tokn}\"}";
    Settings query = settings(props("ws.authMessage", authMessage), Map.of());
    WsSettings.read(query, BASE, KNOWN);
    assertEquals(List.of(), query.problems(), "ws.auth=query: the auth message is never sent");

    Settings message =
        settings(props("ws.auth", "message", "ws.authMessage", authMessage), Map.of());
    WsSettings.read(message, BASE, KNOWN);
    assertEquals(1, message.problems().size(), message.problems().toString());
    assertTrue(
        message.problems().get(0).startsWith("ws.authMessage references #{tokn}"),
        message.problems().toString());
  }

  @Test
  void thePresetsMessagesReadOnlyValuesTheirRunsSet() {
    for (String preset : List.of("ws-json", "ws-spark")) {
      Map<String, String> props = props("preset", preset, "ws.auth", "message");
      Set<String> known =
          RunConfig.read(new Settings(props, Map.of()), ContentChecks.none()).chatValues();
      Settings s = new Settings(props, Map.of());
      WsSettings.read(s, BASE, known);
      assertEquals(List.of(), s.problems(), preset);
    }
  }

  @Test
  void anUnknownPresetIsAProblemNamingTheKnownOnes() {
    Settings s = settings(props("preset", "ws-jsno"), Map.of());

    assertTrue(
        s.problems().stream()
            .anyMatch(p -> p.contains("preset = 'ws-jsno'") && p.contains("ws-spark")),
        s.problems().toString());
  }
}
