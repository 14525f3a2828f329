package dev.streamload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamload.simulations.ChatStreamSimulation;
import dev.streamload.simulations.OpenAiChatSimulation;
import dev.streamload.testing.GatlingRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams with known timing from the embedded mock (300 ms to the first fragment, then 50 fragments
 * 20 ms apart): the reported TTFT, gaps, TPOT and token counts must match the settings. The client
 * is allowed a generous, named tolerance: this machine is shared and noisy, and the precise error
 * against the mock's own write times is measured by the benchmark, not here.
 */
class MetricsTruthTest {

  static final double TTFT_MS = 300;
  static final double GAP_MS = 20;
  static final int FRAGMENTS = 50;
  static final int USERS = 10;

  /** How far a median may sit from the configured value (client + mock timers, shared CPU). */
  static final double MEDIAN_TOLERANCE_MS = 15;

  /** TTFT also includes sending the request and the mock's start of the stream. */
  static final double TTFT_EXTRA_TOLERANCE_MS = 60;

  /** One stream's whole time, on a busy machine (JIT still warming up in the first streams). */
  static final double E2E_TOLERANCE_MS = 250;

  @TempDir Path dir;

  private static Map<String, String> settings() {
    Map<String, String> s = new HashMap<>();
    s.put("profile", "smoke");
    s.put("smoke.users", Integer.toString(USERS));
    s.put("mock.ttftMs", "300");
    s.put("mock.fragments", Integer.toString(FRAGMENTS));
    s.put("mock.gapMs", "20");
    s.put("trace.eventTimes", "true");
    return s;
  }

  private static JsonNode dist(GatlingRun.Result run, String name) {
    return run.summary().path("totals").path("distributions").path(name);
  }

  private static void assertNear(double expected, double actual, double tolerance, String what) {
    assertTrue(
        actual >= expected - tolerance && actual <= expected + tolerance,
        what + ": expected " + expected + " ± " + tolerance + " ms, got " + actual);
  }

  @Test
  void reportedTtftGapsTpotAndTokensMatchTheMockSettings() {
    GatlingRun.Result run = GatlingRun.run(ChatStreamSimulation.class, settings(), dir);

    assertEquals(USERS, run.streams("completed"), run.summary().toString());
    JsonNode ttft = dist(run, "ttft_ms");
    assertTrue(ttft.path("min").asDouble() >= TTFT_MS, "TTFT below what the mock waited: " + ttft);
    assertNear(TTFT_MS, ttft.path("p50").asDouble(), TTFT_EXTRA_TOLERANCE_MS, "TTFT p50");
    assertNear(GAP_MS, dist(run, "itl_ms").path("p50").asDouble(), MEDIAN_TOLERANCE_MS, "gap p50");
    assertNear(
        GAP_MS, dist(run, "tpot_ms").path("p50").asDouble(), MEDIAN_TOLERANCE_MS, "TPOT p50");
    assertEquals(
        USERS * (FRAGMENTS - 1), dist(run, "itl_ms").path("count").asLong(), "one gap per pair");
    for (JsonNode stream : run.streams()) {
      assertEquals(FRAGMENTS, stream.path("fragments").asInt());
      assertEquals(FRAGMENTS, stream.path("output_tokens").asInt());
      assertEquals("usage", stream.path("token_source").asText());
      // fragments + usage event + [DONE], each with its receive time.
      assertEquals(FRAGMENTS + 2, stream.path("event_times_ms").size(), stream.toString());
      double e2e = stream.path("e2e_ms").asDouble();
      assertNear(TTFT_MS + (FRAGMENTS - 1) * GAP_MS, e2e, E2E_TOLERANCE_MS, "e2e");
    }
  }

  @Test
  void inTheOpenAiDialectTheRoleOnlyChunkDoesNotCountAsFirstTextAndUsageGivesTheTokens() {
    Map<String, String> s = settings();
    GatlingRun.Result run = GatlingRun.run(OpenAiChatSimulation.class, s, dir);

    assertEquals(USERS, run.streams("completed"), run.summary().toString());
    // The mock sends the role-only chunk right after the headers, long before the first text.
    JsonNode ttft = dist(run, "ttft_ms");
    assertTrue(ttft.path("min").asDouble() >= TTFT_MS, "role-only chunk counted as text: " + ttft);
    for (JsonNode stream : run.streams()) {
      assertEquals(FRAGMENTS, stream.path("fragments").asInt());
      assertEquals(FRAGMENTS, stream.path("output_tokens").asInt());
      assertEquals("usage", stream.path("token_source").asText());
    }
    assertEquals(USERS, run.mock().path("requests").path("stream_openai").asLong());
    assertEquals(
        0, run.mock().path("requests").path("login").asLong(), "no login chain in OpenAI mode");
  }
}
