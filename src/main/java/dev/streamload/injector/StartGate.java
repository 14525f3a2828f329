package dev.streamload.injector;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds an injector back until the common start instant, so that the steps of every injector line
 * up on the wall clock. Called from the simulation's {@code before()}, right before Gatling starts
 * injecting.
 */
public final class StartGate {

  private static final Logger LOG = LoggerFactory.getLogger(StartGate.class);

  /** Longest single sleep, so that an interrupt or a clock step is noticed quickly. */
  private static final long SLICE_MS = 200;

  private StartGate() {}

  /**
   * Sleeps until {@code startAt} by the wall clock, but never longer than {@code maxWait}; returns
   * at once without a start instant or when it has passed. An interrupt ends the wait early (and
   * keeps the thread's interrupt flag).
   *
   * @return how long it waited
   */
  public static Duration await(Optional<Instant> startAt, Duration maxWait) {
    if (startAt.isEmpty()) {
      return Duration.ZERO;
    }
    long target = startAt.get().toEpochMilli();
    long begin = System.currentTimeMillis();
    long deadline = begin + maxWait.toMillis();
    if (target > begin) {
      LOG.info(
          "waiting {} ms for injector.startAt = {} before injecting",
          target - begin,
          startAt.get());
    } else {
      LOG.warn(
          "injector.startAt = {} passed {} ms ago: injecting at once (this injector's steps start"
              + " late)",
          startAt.get(),
          begin - target);
    }
    long now = begin;
    while (now < target && now < deadline) {
      try {
        Thread.sleep(Math.min(SLICE_MS, Math.min(target, deadline) - now));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      now = System.currentTimeMillis();
    }
    return Duration.ofMillis(Math.max(0, now - begin));
  }
}
