package dev.streamload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamload.simulations.ChatStreamSimulation;
import dev.streamload.testing.GatlingRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staircase whose first step already misses its failure objective, with {@code
 * slo.stopOnMiss=true}: the load stops after that step, every stream that started is accounted for,
 * and the verdict says so.
 */
class EarlyStopRunTest {

  /** Planned arrivals: 3 steps of 3 s at 4, 5 and 6 new users per second. */
  static final int PLANNED = 3 * (4 + 5 + 6);

  @TempDir Path dir;

  @Test
  void aStepThatMissesItsSlosStopsTheStaircaseAndTheVerdictSaysWhy() {
    Map<String, String> settings = new HashMap<>();
    settings.put("profile", "staircase");
    settings.put("staircase.startRate", "4");
    settings.put("staircase.stepRate", "1");
    settings.put("staircase.steps", "3");
    settings.put("staircase.stepDuration", "3s");
    settings.put("mock.ttftMs", "20");
    settings.put("mock.fragments", "3");
    settings.put("mock.gapMs", "10");
    settings.put("mock.faults", "http_500=0.5");
    settings.put("slo.maxFailedPercent", "10");
    settings.put("slo.stopOnMiss", "true");

    GatlingRun.Result run = GatlingRun.run(ChatStreamSimulation.class, settings, dir);

    assertEquals(2, run.exitCode(), "the run-wide SLO assertion fails the run");
    JsonNode verdict = run.summary().path("verdict");
    assertTrue(verdict.path("stopped_early").asBoolean(), verdict.toString());
    assertTrue(verdict.path("capacity").path("step").isNull(), verdict.toString());
    assertEquals(0, verdict.path("capacity").path("first_miss_step").asInt(), verdict.toString());
    JsonNode judged = verdict.path("steps");
    assertTrue(judged.get(1).path("slos_met").isNull(), "a step cut short is not judged");
    JsonNode steps = run.summary().path("steps");
    assertEquals(0, steps.get(2).path("streams").path("started").asLong(), "step 2 never ran");
    long started = run.streams("started");
    assertTrue(started < PLANNED, "the load went on: " + started + " of " + PLANNED);
    assertEquals(
        started,
        run.streams("completed") + run.streams("failed"),
        "every started stream ended as completed or failed");
    assertEquals(started, run.streams().size(), "one trace line per stream");
    assertEquals(0, run.mockCounter("openConnections"), "connections left open after the run");
  }
}
