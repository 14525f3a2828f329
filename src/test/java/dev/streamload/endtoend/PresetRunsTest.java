package dev.streamload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamload.simulations.AnthropicSimulation;
import dev.streamload.simulations.PresetSimulation;
import dev.streamload.testing.GatlingRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each preset against the embedded mock speaking that API's wire format: the requests the preset
 * builds are accepted (the mock checks each API's body and headers as the real one does, with its
 * 400s), a prompt that needs escaping arrives intact, every turn streams to its end under the
 * preset's end rule, and a stream cut mid-answer is told apart from one that ended.
 */
class PresetRunsTest {

  static final int USERS = 2;
  static final int TURNS = 2;

  @TempDir Path dir;

  private GatlingRun.Result run(Class<?> simulation, String preset, Map<String, String> extra) {
    Map<String, String> s = new HashMap<>();
    if (preset != null) {
      s.put("preset", preset);
    }
    s.put("profile", "smoke");
    s.put("smoke.users", Integer.toString(USERS));
    s.put("chat.turns", Integer.toString(TURNS));
    s.put("feeder.prompts", "prompts-escaping.jsonl");
    s.put("mock.ttftMs", "20");
    s.put("mock.fragments", "6");
    s.put("mock.gapMs", "5");
    s.put("timeout.firstFragment", "5s");
    s.put("timeout.stream", "10s");
    s.putAll(extra);
    return GatlingRun.run(simulation, s, dir);
  }

  @ParameterizedTest
  @ValueSource(strings = {"chat", "openai-chat", "openai-responses", "anthropic", "gemini", "dify"})
  void everyTurnOfEveryUserCompletesWithThePresetsRequestsAndEndRule(String preset) {
    GatlingRun.Result result = run(PresetSimulation.class, preset, Map.of());

    assertEquals(USERS * TURNS, result.streams("completed"), result.summary().toString());
    assertEquals(0, result.mockCounter("badRequests"), result.mock().toString());
    assertEquals(
        preset,
        result.summary().path("run").path("target").path("preset").asText(),
        result.summary().path("run").toString());
    for (JsonNode stream : result.streams()) {
      assertEquals(6, stream.path("fragments").asInt(), preset + ": " + stream);
    }
  }

  @Test
  void aBodyTheApiWouldRefuseIsRefusedByTheMockSoTheHappyRunsProveTheShape() {
    // Anthropic requires max_tokens: without it the mock answers Anthropic's 400.
    GatlingRun.Result result =
        run(
            PresetSimulation.class,
            "anthropic",
            Map.of(
                "chat.body",
                "{\"model\":#{model.jsonStringify()},\"stream\":true,\"messages\":#{messages}}",
                "chat.turns",
                "1"));

    assertEquals(USERS, result.failures("http_4xx"), result.summary().toString());
  }

  @Test
  void anEventSourceApiWithCumulativeTextIsReachedByFlagsAloneAndCountsEachWordOnce() {
    GatlingRun.Result result =
        run(
            PresetSimulation.class,
            "plain-text",
            Map.of(
                "chat.path", "/chat/stream",
                "stream.text", "cumulative",
                "stream.textPaths", "text",
                "stream.end", "event:done",
                "stream.usagePath", "usage.output_tokens",
                "stream.finishReasonPath", "finish_reason"));

    assertEquals(USERS * TURNS, result.streams("completed"), result.summary().toString());
    for (JsonNode stream : result.streams()) {
      assertEquals(6, stream.path("fragments").asInt(), stream.toString());
      assertEquals(6, stream.path("output_tokens").asInt(), stream.toString());
    }
  }

  @Test
  void difysSecondTurnSendsTheConversationIdTheFirstAnswerCarried() {
    // The mock answers 404 for a conversation_id it never created, so a completed second turn
    // proves the id was read from the first answer and sent back.
    GatlingRun.Result result = run(PresetSimulation.class, "dify", Map.of("chat.turns", "3"));

    assertEquals(USERS * 3, result.streams("completed"), result.summary().toString());
  }

  @Test
  void theAnthropicSimulationRunsItsPresetByClassName() {
    GatlingRun.Result result = run(AnthropicSimulation.class, null, Map.of());

    assertEquals(USERS * TURNS, result.streams("completed"), result.summary().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini", "anthropic", "openai-responses", "dify", "plain-text"})
  void aStreamCutMidAnswerIsInterruptedNotCompleted(String preset) {
    GatlingRun.Result result =
        run(
            PresetSimulation.class,
            preset,
            Map.of("mock.faults", "interrupt=1", "chat.turns", "1"));

    assertEquals(0, result.streams("completed"), result.summary().toString());
    assertEquals(USERS, result.failures("interrupted"), result.summary().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai-chat", "openai-responses", "anthropic", "gemini"})
  void anAnswerCutByTheTokenLimitIsTruncatedInEachApisOwnSpelling(String preset) {
    // length / response.incomplete (max_output_tokens) / max_tokens / MAX_TOKENS on the wire.
    GatlingRun.Result result =
        run(
            PresetSimulation.class,
            preset,
            Map.of("mock.faults", "finish_length=1", "chat.turns", "1"));

    assertEquals(USERS, result.failures("truncated"), result.summary().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai-responses", "anthropic", "gemini", "dify"})
  void anInStreamErrorInEachApisOwnShapeIsAnErrorEvent(String preset) {
    GatlingRun.Result result =
        run(
            PresetSimulation.class,
            preset,
            Map.of("mock.faults", "error_event=1", "chat.turns", "1"));

    assertEquals(USERS, result.failures("error_event"), result.summary().toString());
  }

  @Test
  void generatedPromptsOfSeveralLengthsGiveEachStreamItsPromptLength() {
    GatlingRun.Result result =
        run(
            PresetSimulation.class,
            "chat",
            Map.of("prompts.generate", "uniform:5-400", "prompts.seed", "7"));

    assertEquals(USERS * TURNS, result.streams("completed"), result.summary().toString());
    java.util.Set<Integer> lengths = new java.util.HashSet<>();
    for (JsonNode stream : result.streams()) {
      assertTrue(stream.path("prompt_chars").asInt() > 0, stream.toString());
      lengths.add(stream.path("prompt_chars").asInt());
    }
    assertTrue(lengths.size() > 1, "lengths drawn from 5-400 words: " + lengths);
  }

  @Test
  void openAiWithHistorySendsGrowingMessageArraysTheMockAccepts() {
    GatlingRun.Result result =
        run(
            PresetSimulation.class,
            "openai-chat",
            Map.of("chat.history", "true", "chat.turns", "3"));

    assertEquals(USERS * 3, result.streams("completed"), result.summary().toString());
    assertTrue(result.mockCounter("streamsStarted") >= USERS * 3, result.mock().toString());
  }
}
