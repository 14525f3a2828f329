package dev.streamload.verdict;

import dev.streamload.metrics.StepPlan;
import dev.streamload.metrics.StepSummary;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Judges each load step as soon as it is over and all its streams have finished, and says when the
 * load should stop because a step missed an objective ({@code slo.stopOnMiss}): from then on new
 * users send nothing, and once no stream is in flight the load generator is stopped. Driven by
 * {@link #poll()} (a timer thread of the run); thread-safe.
 */
public final class EarlyStop {

  /** How often the run polls. */
  public static final Duration POLL = Duration.ofMillis(250);

  private final List<StepPlan> plan;
  private final List<Slo> slos;
  private final Function<StepPlan, StepSummary> summaries;
  private final ToLongFunction<Integer> inFlight;
  private final LongSupplier clock;
  private final LongSupplier origin;

  private int next;
  private volatile StepVerdict missed;

  /**
   * @param plan the planned steps, in order
   * @param slos the objectives
   * @param summaries the figures of a step so far
   * @param inFlight streams of a step not yet finished
   * @param clock now, nanoseconds ({@link System#nanoTime()})
   * @param origin when the steps started, nanoseconds on the same clock
   */
  public EarlyStop(
      List<StepPlan> plan,
      List<Slo> slos,
      Function<StepPlan, StepSummary> summaries,
      ToLongFunction<Integer> inFlight,
      LongSupplier clock,
      LongSupplier origin) {
    this.plan = List.copyOf(plan);
    this.slos = List.copyOf(slos);
    this.summaries = summaries;
    this.inFlight = inFlight;
    this.clock = clock;
    this.origin = origin;
  }

  /**
   * Judges every step that is over and drained, in order, until one misses; returns true once a
   * step has missed (and then never judges again).
   */
  public synchronized boolean poll() {
    while (missed == null && next < plan.size()) {
      StepPlan step = plan.get(next);
      long end = origin.getAsLong() + step.startOffset().plus(step.duration()).toNanos();
      if (clock.getAsLong() < end || inFlight.applyAsLong(step.index()) > 0) {
        return false;
      }
      StepVerdict verdict = StepVerdict.of(summaries.apply(step), slos);
      if (verdict.ran() && !verdict.met()) {
        missed = verdict;
      }
      next++;
    }
    return missed != null;
  }

  /** True once a step missed: new users must not start streams. */
  public boolean stopping() {
    return missed != null;
  }

  /** The step that missed, once one did. */
  public Optional<StepVerdict> missedStep() {
    return Optional.ofNullable(missed);
  }
}
