package dev.streamload.verdict;

import dev.streamload.metrics.StepSummary;
import java.util.List;

/**
 * One load step judged against the objectives.
 *
 * @param step the step's figures
 * @param checks one check per objective, in the order they were given (empty without objectives)
 */
public record StepVerdict(StepSummary step, List<Check> checks) {

  /** One objective on this step: its value and whether it was met. */
  public record Check(Slo slo, double actual, boolean met) {}

  /** Copies the list. */
  public StepVerdict {
    checks = List.copyOf(checks);
  }

  /** Judges {@code step} against {@code slos}. */
  public static StepVerdict of(StepSummary step, List<Slo> slos) {
    return new StepVerdict(
        step, slos.stream().map(slo -> new Check(slo, slo.actual(step), slo.met(step))).toList());
  }

  /** True when the step met every objective (vacuously true without objectives). */
  public boolean met() {
    return checks.stream().allMatch(Check::met);
  }

  /**
   * True when at least one stream was started in the step (a step cut by an early stop has none).
   */
  public boolean ran() {
    return step.started() > 0;
  }

  /** The checks that were missed. */
  public List<Check> missed() {
    return checks.stream().filter(c -> !c.met()).toList();
  }

  /** Completed streams in percent of started; NaN when none started. */
  public double completedPercent() {
    return step.started() > 0 ? 100.0 * step.completed() / step.started() : Double.NaN;
  }
}
