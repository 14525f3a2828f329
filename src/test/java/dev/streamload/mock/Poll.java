package dev.streamload.mock;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

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
    until(what, timeout, check, () -> "");
  }

  /**
   * Returns once {@code check} holds, failing after {@code timeout} with {@code what} and the state
   * {@code seen} describes at that moment, so the failure explains itself.
   */
  static void until(String what, Duration timeout, BooleanSupplier check, Supplier<String> seen)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        String state = seen.get();
        fail(
            "waited " + timeout + " in vain until " + what + (state.isEmpty() ? "" : "; " + state));
      }
      Thread.sleep(INTERVAL_MILLIS);
    }
  }
}
