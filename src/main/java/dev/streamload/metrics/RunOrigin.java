package dev.streamload.metrics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The one instant every run-relative time is measured from (the run start): {@code streams.jsonl}'s
 * {@code t_*} fields, the load steps' start offsets, the percentiles-over-time buckets and {@code
 * summary.json}'s {@code run.start}. Thread-safe.
 *
 * <p>The run start is fixed once, by the first {@link #fix} (in a Gatling run: when the first
 * virtual user arrives, which happens before any stream of the run starts); later calls change
 * nothing. Until then {@link #nanos()} returns the provisional value given at construction.
 */
public final class RunOrigin {

  private static final long UNSET = Long.MIN_VALUE;

  private final long provisionalNanos;
  private final AtomicLong fixedNanos = new AtomicLong(UNSET);

  private RunOrigin(long provisionalNanos) {
    this.provisionalNanos = provisionalNanos;
  }

  /** An origin that is {@code nanos} until {@link #fix} is called. */
  public static RunOrigin provisional(long nanos) {
    return new RunOrigin(nanos);
  }

  /** An origin fixed at {@code nanos} ({@link System#nanoTime()}) from the start. */
  public static RunOrigin at(long nanos) {
    RunOrigin origin = new RunOrigin(nanos);
    origin.fix(nanos);
    return origin;
  }

  /**
   * Fixes the run start at {@code nanos} if it is not fixed yet; returns the run start in force.
   */
  public long fix(long nanos) {
    if (nanos == UNSET) {
      throw new IllegalArgumentException("nanos must not be Long.MIN_VALUE");
    }
    fixedNanos.compareAndSet(UNSET, nanos);
    return fixedNanos.get();
  }

  /** True once {@link #fix} was called. */
  public boolean isFixed() {
    return fixedNanos.get() != UNSET;
  }

  /** The run start ({@link System#nanoTime()}): the fixed one, else the provisional one. */
  public long nanos() {
    long fixed = fixedNanos.get();
    return fixed != UNSET ? fixed : provisionalNanos;
  }
}
