package dev.streamload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamload.simulations.ChatStreamSimulation;
import dev.streamload.testing.GatlingRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLO properties decide the run's exit status, as CI sees it: Gatling exits 0 when every
 * objective is met and 2 when one is missed (the Maven plugin turns 2 into a failed build).
 */
class SloExitStatusTest {

  /** Gatling's exit status when an assertion failed. */
  static final int ASSERTIONS_FAILED = 2;

  @TempDir Path dir;

  /**
   * Three users, one short stream each, from a mock that waits {@code ttftMs} for the first word.
   */
  private static Map<String, String> settings(int ttftMs) {
    Map<String, String> s = new HashMap<>();
    s.put("profile", "smoke");
    s.put("smoke.users", "3");
    s.put("mock.ttftMs", Integer.toString(ttftMs));
    s.put("mock.fragments", "3");
    s.put("mock.gapMs", "5");
    return s;
  }

  @Test
  void aRunThatMeetsEveryObjectiveExitsWithStatusZero() {
    Map<String, String> s = settings(20);
    s.put("slo.ttftP95", "10s");
    s.put("slo.e2eP95", "20s");
    s.put("slo.maxFailedPercent", "0");

    GatlingRun.Result run = GatlingRun.run(ChatStreamSimulation.class, s, dir);

    assertEquals(3, run.streams("completed"), run.summary().toString());
    assertEquals(0, run.exitCode());
  }

  @Test
  void aMissedTtftObjectiveMakesTheRunExitWithStatusTwo() {
    Map<String, String> s = settings(300);
    s.put("slo.ttftP95", "100ms");

    GatlingRun.Result run = GatlingRun.run(ChatStreamSimulation.class, s, dir);

    assertEquals(3, run.streams("completed"), "every stream succeeded, only slower than the SLO");
    assertEquals(ASSERTIONS_FAILED, run.exitCode());
  }

  @Test
  void moreFailedStreamsThanAllowedMakeTheRunExitWithStatusTwo() {
    Map<String, String> s = settings(20);
    s.put("mock.faults", "http_429=1");
    s.put("slo.maxFailedPercent", "10");

    GatlingRun.Result run = GatlingRun.run(ChatStreamSimulation.class, s, dir);

    assertEquals(3, run.failures("http_429"), run.summary().toString());
    assertEquals(ASSERTIONS_FAILED, run.exitCode());
  }
}
