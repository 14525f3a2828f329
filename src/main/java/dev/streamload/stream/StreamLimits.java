package dev.streamload.stream;

import java.time.Duration;

/**
 * The timeouts a stream is judged against.
 *
 * @param firstFragmentTimeout longest wait from send to the first text fragment
 * @param idleTimeout longest allowed silence between two events (stall detection)
 * @param streamTimeout longest wait from send to the end marker
 */
public record StreamLimits(
    Duration firstFragmentTimeout, Duration idleTimeout, Duration streamTimeout) {

  /** Checks that every limit is positive. */
  public StreamLimits {
    requirePositive("firstFragmentTimeout", firstFragmentTimeout);
    requirePositive("idleTimeout", idleTimeout);
    requirePositive("streamTimeout", streamTimeout);
  }

  /** {@link #idleTimeout()} in nanoseconds. */
  public long idleTimeoutNanos() {
    return idleTimeout.toNanos();
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
    }
  }
}
