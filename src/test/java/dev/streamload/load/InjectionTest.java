package dev.streamload.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.config.LoadConfig;
import dev.streamload.config.RunConfig;
import dev.streamload.config.Settings;
import dev.streamload.metrics.StepPlan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InjectionTest {

  private static LoadConfig load(Map<String, String> props) {
    return LoadConfig.read(new Settings(props, Map.of()));
  }

  @Test
  void aStaircaseHasOneInjectionStepAndOnePlanEntryPerLevelAndRamp() {
    LoadConfig load =
        load(
            Map.of(
                "profile", "staircase",
                "staircase.startRate", "2",
                "staircase.stepRate", "3",
                "staircase.steps", "3",
                "staircase.stepDuration", "10s",
                "staircase.rampDuration", "2s"));
    assertEquals(5, Injection.steps(load).size());
    List<StepPlan> plan = Injection.plan(load);
    assertEquals(5, plan.size());
    assertEquals(2.0, plan.get(0).offeredRatePerSecond());
    assertEquals(3.5, plan.get(1).offeredRatePerSecond(), "a ramp offers the mean of its ends");
    assertEquals(5.0, plan.get(2).offeredRatePerSecond());
    assertEquals(8.0, plan.get(4).offeredRatePerSecond());
    assertEquals(Duration.ofSeconds(24), plan.get(4).startOffset());
    assertEquals(Duration.ofSeconds(34), Injection.injectionDuration(plan));
  }

  @Test
  void theStepInForceFollowsElapsedTime() {
    List<StepPlan> plan =
        Injection.plan(
            load(
                Map.of(
                    "profile",
                    "staircase",
                    "staircase.steps",
                    "3",
                    "staircase.stepDuration",
                    "10s")));
    assertEquals(0, Injection.stepAt(plan, Duration.ZERO));
    assertEquals(0, Injection.stepAt(plan, Duration.ofMillis(9_999)));
    assertEquals(1, Injection.stepAt(plan, Duration.ofSeconds(10)));
    assertEquals(2, Injection.stepAt(plan, Duration.ofSeconds(25)));
    assertEquals(2, Injection.stepAt(plan, Duration.ofHours(1)), "after the end: the last step");
  }

  @Test
  void smokeIsAnOpenModelWhoseUsersAllArriveInItsFirstSecond() {
    List<StepPlan> plan = Injection.plan(load(Map.of("profile", "smoke", "smoke.users", "7")));

    assertEquals(1, plan.size());
    assertEquals(7.0, plan.get(0).offeredRatePerSecond(), "7 arrivals in a 1 s window");
    assertEquals(0, plan.get(0).concurrency(), "open model: no planned concurrency");
    assertEquals(Duration.ofSeconds(1), plan.get(0).duration());
  }

  @Test
  void closedModelPlansItsUsersAsConcurrency() {
    List<StepPlan> plan =
        Injection.plan(load(Map.of("profile", "concurrency", "concurrency.users", "50")));
    assertEquals(1, plan.size());
    assertEquals(50, plan.get(0).concurrency());
    assertTrue(Double.isNaN(plan.get(0).offeredRatePerSecond()));
  }

  @Test
  void everyRunHasAHardTimeBoundBeyondItsLongestPossibleStream() {
    RunConfig config =
        RunConfig.read(
            new Settings(
                Map.of("profile", "smoke", "chat.turns", "3", "timeout.stream", "1m"), Map.of()),
            RunConfig.Dialect.CHAT);
    Duration max = Injection.maxDuration(config);
    assertTrue(max.compareTo(Duration.ofMinutes(3)) > 0, max.toString());
    assertTrue(max.compareTo(Duration.ofMinutes(10)) < 0, max.toString());
  }
}
