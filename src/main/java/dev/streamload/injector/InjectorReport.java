package dev.streamload.injector;

import dev.streamload.metrics.RunState;
import dev.streamload.metrics.StepPlan;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one injector's run folder says about its run, in the form the merge needs: who it was, what
 * it planned, everything it recorded (mergeable), and why it may not count as a clean share of the
 * load. Written by {@link InjectorFiles#write} at the end of every run, read back by {@link
 * InjectorFiles#read}.
 *
 * @param simulation simulation name
 * @param profile one-line description of the whole load (all injectors together)
 * @param index this injector, 0-based
 * @param count injectors that shared the load
 * @param startAt the common start instant, if one was set
 * @param startLateMs how long after {@code startAt} this injector let Gatling start injecting, ms
 *     (0 without a start instant; negative if it woke up early)
 * @param plan this injector's share of the steps (its offered rates and users)
 * @param wholePlan the steps of the whole load, the same in every injector of one run
 * @param target safe facts about the target (no credentials; see {@code RunMeta})
 * @param state everything the injector recorded
 * @param problems why this injector's share is not clean (late start, streams cut at the end);
 *     empty when it is
 */
public record InjectorReport(
    String simulation,
    String profile,
    int index,
    int count,
    Optional<Instant> startAt,
    double startLateMs,
    List<StepPlan> plan,
    List<StepPlan> wholePlan,
    Map<String, String> target,
    RunState state,
    List<String> problems) {

  /** Copies the collections. */
  public InjectorReport {
    startAt = startAt == null ? Optional.empty() : startAt;
    plan = List.copyOf(plan);
    wholePlan = List.copyOf(wholePlan);
    target = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(target));
    problems = List.copyOf(problems);
  }

  /** True when the injector's share is clean (see {@link #problems}). */
  public boolean ok() {
    return problems.isEmpty();
  }
}
