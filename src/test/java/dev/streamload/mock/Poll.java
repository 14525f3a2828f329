package dev.streamload.mock;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in tests for a condition that becomes true asynchronously. */
final class Poll {

  /** A generous wait for asynchronous effects on a loaded 2-core machine. */
  static final Duration GENEROUS = Duration.ofSeconds(30);

  /** Pause between checks, in milliseconds. */
  private static final long INTERVAL_MILLIS = 20;

  private Poll() {}

  /** Returns once {@code check} holds, failing with {@code what} after {@code timeout}. */
  static void until(String what, Duration timeout, BooleanSupplier check)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("waited " + timeout + " in vain until " + what);
      }
      Thread.sleep(INTERVAL_MILLIS);
    }
  }
}
