package dev.streamload.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.config.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The WebSocket settings: presets under the flags, validation that names the property. */
class WsSettingsTest {

  private static final String BASE = "http://127.0.0.1:8089";

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
    WsSettings ws = WsSettings.read(s, BASE);

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
    WsSettings ws = WsSettings.read(s, "https://chat.example.com/");

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
    WsSettings ws = WsSettings.read(s, BASE);

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

    assertEquals("{\"q\":#{prompt.jsonStringify()}}", WsSettings.read(s, BASE).message());
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
    WsSettings.read(s, BASE);

    String all = String.join("\n", s.problems());
    assertTrue(all.contains("ws.auth = 'cookie'"), all);
    assertTrue(all.contains("ws.url = 'http://x'"), all);
    assertTrue(all.contains("ws.message = '@no/such/file.json'"), all);
    assertTrue(
        all.contains("stream.end = 'event:message_stop': a WebSocket message has no event"), all);
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
