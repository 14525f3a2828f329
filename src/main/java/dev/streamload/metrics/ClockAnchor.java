package dev.streamload.metrics;

import java.time.Instant;

/**
 * Ties the monotonic {@link System#nanoTime()} clock, used for every interval, to wall-clock time,
 * used only to print when a run or request happened.
 *
 * @param epochMillis wall-clock time in milliseconds since the epoch, read at {@code nanos}
 * @param nanos the {@code System.nanoTime()} reading taken together with {@code epochMillis}
 */
public record ClockAnchor(long epochMillis, long nanos) {

  /** Reads both clocks now. */
  public static ClockAnchor now() {
    long before = System.nanoTime();
    long wall = System.currentTimeMillis();
    long after = System.nanoTime();
    return new ClockAnchor(wall, before + (after - before) / 2);
  }

  /** Wall-clock milliseconds since the epoch (with a fraction) for a nanoTime reading. */
  public double toEpochMillis(long nanoTime) {
    return epochMillis + (nanoTime - nanos) / 1e6;
  }

  /** Wall-clock nanoseconds since the epoch for a nanoTime reading. */
  public long toEpochNanos(long nanoTime) {
    return epochMillis * 1_000_000L + (nanoTime - nanos);
  }

  /** Wall-clock instant for a nanoTime reading. */
  public Instant toInstant(long nanoTime) {
    return Instant.ofEpochMilli(epochMillis).plusNanos(nanoTime - nanos);
  }
}
