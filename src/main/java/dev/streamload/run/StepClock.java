package dev.streamload.run;

import dev.streamload.load.Injection;
import dev.streamload.metrics.RunOrigin;
import dev.streamload.metrics.StepPlan;
import java.time.Duration;
import java.util.List;

/**
 * Which load step is in force at a given time, the steps timed from the run's origin ({@link
 * RunOrigin}: the first user's arrival, the one origin of every run-relative time). Thread-safe;
 * all times are {@link System#nanoTime()} readings.
 *
 * <p>The origin is the first arrival, not {@code before()}: Gatling starts injecting a little after
 * {@code before()}, and an origin that early would shift every arrival towards the previous step.
 */
final class StepClock {

  private final List<StepPlan> plan;
  private final RunOrigin origin;

  /**
   * A clock for {@code plan} over {@code origin}.
   *
   * @param plan the load steps, with their offsets from the origin
   */
  StepClock(List<StepPlan> plan, RunOrigin origin) {
    this.plan = List.copyOf(plan);
    this.origin = origin;
  }

  /** Records a user's arrival at {@code nanos}; the run's first arrival fixes the origin. */
  void userArrived(long nanos) {
    if (!origin.isFixed()) {
      origin.fix(nanos);
    }
  }

  /** The origin of the steps (first arrival, else the origin's provisional value). */
  long originNanos() {
    return origin.nanos();
  }

  /** The step in force at {@code nanos}: the first before the origin, the last after the plan. */
  int stepAt(long nanos) {
    return Injection.stepAt(plan, Duration.ofNanos(nanos - origin.nanos()));
  }
}
