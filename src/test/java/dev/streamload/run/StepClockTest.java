package dev.streamload.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamload.metrics.RunOrigin;
import dev.streamload.metrics.StepPlan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepClockTest {

  static final long MS = 1_000_000;

  /** Three levels of 10 s each, the middle one after a 5 s ramp (offsets 0, 10, 15 s). */
  static final List<StepPlan> PLAN =
      List.of(
          StepPlan.open(0, "level 1", 1, Duration.ZERO, Duration.ofSeconds(10)),
          StepPlan.open(1, "ramp to level 2", 1.5, Duration.ofSeconds(10), Duration.ofSeconds(5)),
          StepPlan.open(2, "level 2", 2, Duration.ofSeconds(15), Duration.ofSeconds(10)));

  @Test
  void eachTimeCountsInTheStepInForceThenFromTheOrigin() {
    StepClock clock = new StepClock(PLAN, RunOrigin.at(1_000 * MS));

    assertEquals(0, clock.stepAt(1_000 * MS));
    assertEquals(0, clock.stepAt(10_999 * MS));
    assertEquals(1, clock.stepAt(11_000 * MS), "the ramp starts 10 s after the origin");
    assertEquals(1, clock.stepAt(15_999 * MS));
    assertEquals(2, clock.stepAt(16_000 * MS));
    assertEquals(2, clock.stepAt(100_000 * MS), "after the plan: the last step");
    assertEquals(0, clock.stepAt(0), "before the origin: the first step");
  }

  @Test
  void theFirstArrivalBecomesTheOriginAndLaterArrivalsDoNotMoveIt() {
    StepClock clock = new StepClock(PLAN, RunOrigin.provisional(500 * MS));
    clock.userArrived(800 * MS);
    clock.userArrived(9_000 * MS);

    assertEquals(800 * MS, clock.originNanos());
    assertEquals(0, clock.stepAt(10_799 * MS), "10 s after the first arrival, not after before()");
    assertEquals(1, clock.stepAt(10_800 * MS));
  }

  @Test
  void withoutArrivalsTheStepsAreTimedFromTheProvisionalOrigin() {
    StepClock clock = new StepClock(PLAN, RunOrigin.provisional(500 * MS));

    assertEquals(500 * MS, clock.originNanos());
    assertEquals(1, clock.stepAt(10_500 * MS));
  }
}
