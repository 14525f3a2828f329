package dev.streamload.verdict;

import dev.streamload.metrics.RunSummary;
import dev.streamload.metrics.StepSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The end-of-run verdict: every load step judged against the objectives and, for a run of several
 * steps with objectives, the capacity found: the highest step, counted from the first, up to which
 * every step met every objective.
 *
 * @param slos the objectives (empty: the steps are only described)
 * @param steps one verdict per step, in step order
 * @param capacity the capacity, when the run has several steps and objectives
 * @param stoppedEarly the load was stopped after a step missed its objectives ({@code
 *     slo.stopOnMiss})
 */
public record Verdict(
    List<Slo> slos, List<StepVerdict> steps, Optional<Capacity> capacity, boolean stoppedEarly) {

  /**
   * The capacity found.
   *
   * @param lastGood the highest step that met every objective, with every step before it; empty
   *     when the first step already missed
   * @param firstMiss the first step that missed, empty when every step that ran met them all
   */
  public record Capacity(Optional<StepVerdict> lastGood, Optional<StepVerdict> firstMiss) {}

  /** Copies the lists. */
  public Verdict {
    slos = List.copyOf(slos);
    steps = List.copyOf(steps);
  }

  /** Judges every step of {@code summary}. */
  public static Verdict of(RunSummary summary, List<Slo> slos, boolean stoppedEarly) {
    List<StepVerdict> steps = new ArrayList<>();
    for (StepSummary step : summary.steps()) {
      steps.add(StepVerdict.of(step, slos));
    }
    return new Verdict(slos, steps, capacity(steps, slos), stoppedEarly);
  }

  /**
   * True for a step after the one that stopped the load early: it ran only until the stop, so it is
   * not judged.
   */
  public boolean afterStop(StepVerdict step) {
    return stoppedEarly
        && capacity
            .flatMap(Capacity::firstMiss)
            .map(miss -> step.step().index() > miss.step().index())
            .orElse(false);
  }

  private static Optional<Capacity> capacity(List<StepVerdict> steps, List<Slo> slos) {
    if (slos.isEmpty() || steps.size() < 2) {
      return Optional.empty();
    }
    StepVerdict lastGood = null;
    for (StepVerdict step : steps) {
      if (!step.ran()) {
        break;
      }
      if (!step.met()) {
        return Optional.of(new Capacity(Optional.ofNullable(lastGood), Optional.of(step)));
      }
      lastGood = step;
    }
    return Optional.of(new Capacity(Optional.ofNullable(lastGood), Optional.empty()));
  }
}
