package dev.streamload.run;

import dev.streamload.load.Injection;
import dev.streamload.metrics.StepPlan;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which load step is in force at a given time, the steps timed from the run's first user arrival.
 * Thread-safe; all times are {@link System#nanoTime()} readings.
 *
 * <p>The origin is the first arrival, not {@code before()}: Gatling starts injecting a little after
 * {@code before()}, and an origin that early would shift every arrival towards the previous step.
 */
final class StepClock {

  private final List<StepPlan> plan;
  private final AtomicBoolean firstArrivalSeen = new AtomicBoolean();
  private volatile long originNanos;

  /**
   * A clock for {@code plan} whose origin is {@code originNanos} until the first arrival.
   *
   * @param plan the load steps, with their offsets from the start of injection
   */
  StepClock(List<StepPlan> plan, long originNanos) {
    this.plan = List.copyOf(plan);
    this.originNanos = originNanos;
  }

  /** Moves the origin to {@code nanos} (the start of injection) unless a user already arrived. */
  void injectionStarts(long nanos) {
    if (!firstArrivalSeen.get()) {
      originNanos = nanos;
    }
  }

  /** Records a user's arrival at {@code nanos}; the run's first arrival becomes the origin. */
  void userArrived(long nanos) {
    if (!firstArrivalSeen.get() && firstArrivalSeen.compareAndSet(false, true)) {
      originNanos = nanos;
    }
  }

  /** The origin of the steps (first arrival, else the start of injection). */
  long originNanos() {
    return originNanos;
  }

  /** The step in force at {@code nanos}: the first before the origin, the last after the plan. */
  int stepAt(long nanos) {
    return Injection.stepAt(plan, Duration.ofNanos(nanos - originNanos));
  }
}
