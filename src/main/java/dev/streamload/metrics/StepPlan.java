package dev.streamload.metrics;

import java.time.Duration;

/**
 * One planned load step, to compare what was offered with what was achieved.
 *
 * @param index step index, as passed to {@link MetricsRegistry#streamStarted(int)}
 * @param name human name, e.g. {@code "rate 20/s"}
 * @param offeredRatePerSecond planned arrival rate in streams per second; {@code NaN} for a closed
 *     model
 * @param concurrency planned virtual users for a closed model; 0 for an open model
 * @param startOffset when the step starts, from the run start
 * @param duration how long the step lasts
 */
public record StepPlan(
    int index,
    String name,
    double offeredRatePerSecond,
    int concurrency,
    Duration startOffset,
    Duration duration) {

  /** Validates the plan; errors name the field and the rejected value. */
  public StepPlan {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank, got '" + name + "'");
    }
    if (offeredRatePerSecond < 0 || Double.isInfinite(offeredRatePerSecond)) {
      throw new IllegalArgumentException(
          "offeredRatePerSecond must be >= 0 or NaN, got " + offeredRatePerSecond);
    }
    if (concurrency < 0) {
      throw new IllegalArgumentException("concurrency must be >= 0, got " + concurrency);
    }
    if (startOffset == null || startOffset.isNegative()) {
      throw new IllegalArgumentException("startOffset must be >= 0, got " + startOffset);
    }
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, got " + duration);
    }
  }

  /** An open-model step: arrivals at {@code ratePerSecond}. */
  public static StepPlan open(
      int index, String name, double ratePerSecond, Duration startOffset, Duration duration) {
    return new StepPlan(index, name, ratePerSecond, 0, startOffset, duration);
  }

  /** A closed-model step: {@code users} looping users. */
  public static StepPlan closed(
      int index, String name, int users, Duration startOffset, Duration duration) {
    return new StepPlan(index, name, Double.NaN, users, startOffset, duration);
  }
}
