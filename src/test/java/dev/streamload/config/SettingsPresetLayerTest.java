package dev.streamload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The preset is a layer: under flags, the environment and old names, above the defaults. */
class SettingsPresetLayerTest {

  @Test
  void aFlagWinsOverTheEnvironmentWhichWinsOverThePresetWhichWinsOverTheDefault() {
    Settings flag =
        new Settings(
            Map.of("preset", "anthropic", "chat.path", "/flag"),
            Map.of("STREAMLOAD_CHAT_PATH", "/env"));
    Settings env =
        new Settings(Map.of("preset", "anthropic"), Map.of("STREAMLOAD_CHAT_PATH", "/env"));
    Settings preset = new Settings(Map.of("preset", "anthropic"), Map.of());
    Settings none = new Settings(Map.of(), Map.of());

    assertEquals("/flag", flag.string("chat.path", "/default"));
    assertEquals("/env", env.string("chat.path", "/default"));
    assertEquals("/v1/messages", preset.string("chat.path", "/default"));
    assertEquals("/default", none.string("chat.path", "/default"));
  }

  @Test
  void anOldNameGivenAsAFlagWinsOverThePresetsValueOfTheNewName() {
    Settings s = new Settings(Map.of("preset", "anthropic", "openai.model", "old-flag"), Map.of());

    assertEquals("old-flag", s.string("model", "d"));
  }

  @Test
  void theSimulationsOwnPresetAppliesOnlyWithoutAPresetFlag() {
    Settings own = new Settings(Map.of(), Map.of(), "gemini");
    Settings chosen = new Settings(Map.of("preset", "dify"), Map.of(), "gemini");

    assertEquals(Optional.of("gemini"), own.presetName());
    assertEquals(Optional.of("dify"), chosen.presetName());
    assertEquals("/v1/chat-messages", chosen.string("chat.path", "/default"));
  }

  @Test
  void aStreamEndMarkerFlagHidesThePresetsStreamEndSoTheTwoNeverClash() {
    Settings s = new Settings(Map.of("preset", "anthropic", "stream.endMarker", "[END]"), Map.of());

    assertEquals(Optional.empty(), s.raw("stream.end"));
    assertEquals(Optional.of("[END]"), s.raw("stream.endMarker"));
    assertTrue(s.problems().isEmpty(), s.problems().toString());
  }

  @Test
  void headersOfAStepAreCollectedFromThePresetAndTheFlags() {
    Settings s =
        new Settings(
            Map.of("preset", "anthropic", "chat.header.anthropic-beta", "tools-1"), Map.of());

    assertEquals(
        Map.of("anthropic-version", "2023-06-01", "anthropic-beta", "tools-1"),
        s.below("chat.header."));
  }
}
