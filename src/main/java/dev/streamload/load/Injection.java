package dev.streamload.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import dev.streamload.config.InjectorConfig;
import dev.streamload.config.LoadConfig;
import dev.streamload.config.LoadProfile;
import dev.streamload.config.RunConfig;
import dev.streamload.metrics.StepPlan;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@link LoadConfig} into Gatling injection steps, and into the matching {@link StepPlan}
 * (one entry per level and per ramp) that the metrics use to report offered vs achieved rate.
 *
 * <p>Both come from one list of (injection step, plan entry) pairs so that they cannot drift apart.
 */
public final class Injection {

  /** One injection step and how the metrics see it. */
  private record Planned(OpenInjectionStep injection, StepPlan plan) {}

  /** The window the smoke profile's arrivals (all at once) are counted in. */
  static final Duration SMOKE_ARRIVAL_WINDOW = Duration.ofSeconds(1);

  private Injection() {}

  /** Gatling injection steps for the configured profile. */
  public static List<OpenInjectionStep> steps(LoadConfig load) {
    return build(load).stream().map(Planned::injection).toList();
  }

  /** The load steps as the metrics see them, with offset from the start of injection. */
  public static List<StepPlan> plan(LoadConfig load) {
    return build(load).stream().map(Planned::plan).toList();
  }

  private static List<Planned> build(LoadConfig load) {
    List<Planned> out = new ArrayList<>();
    switch (load.profile()) {
      case SMOKE ->
          out.add(
              new Planned(
                  atOnceUsers(load.smokeUsers()),
                  // Open model: all users arrive at once, counted in a 1 s window, so the offered
                  // rate is smoke.users arrivals per second.
                  StepPlan.open(
                      0, "smoke", load.smokeUsers(), Duration.ZERO, SMOKE_ARRIVAL_WINDOW)));
      case STAIRCASE -> {
        Duration at = Duration.ZERO;
        for (int i = 0; i < load.steps(); i++) {
          if (i > 0 && !load.rampDuration().isZero()) {
            double mean = (load.levelRate(i - 1) + load.levelRate(i)) / 2;
            out.add(
                new Planned(
                    rampUsersPerSec(load.levelRate(i - 1))
                        .to(load.levelRate(i))
                        .during(load.rampDuration()),
                    StepPlan.open(
                        out.size(), "ramp to level " + (i + 1), mean, at, load.rampDuration())));
            at = at.plus(load.rampDuration());
          }
          var level = constantUsersPerSec(load.levelRate(i)).during(load.stepDuration());
          out.add(
              new Planned(
                  load.poisson() ? level.randomized() : level,
                  StepPlan.open(
                      out.size(),
                      String.format(Locale.ROOT, "level %d (%.3g/s)", i + 1, load.levelRate(i)),
                      load.levelRate(i),
                      at,
                      load.stepDuration())));
          at = at.plus(load.stepDuration());
        }
      }
      // Closed model: the users arrive over the ramp, then each one loops until its deadline
      // (see ChatScenario), so exactly `users` streams are in flight after the ramp.
      case CONCURRENCY ->
          out.add(
              new Planned(
                  load.usersRamp().isZero()
                      ? atOnceUsers(load.users())
                      : rampUsers(load.users()).during(load.usersRamp()),
                  StepPlan.closed(
                      0,
                      load.users() + " users",
                      load.users(),
                      Duration.ZERO,
                      load.usersRamp().plus(load.duration()))));
    }
    return out;
  }

  /**
   * Index of the plan entry in force {@code elapsed} after the start of injection (last one after
   * the end).
   */
  public static int stepAt(List<StepPlan> plan, Duration elapsed) {
    for (int i = plan.size() - 1; i > 0; i--) {
      if (elapsed.compareTo(plan.get(i).startOffset()) >= 0) {
        return i;
      }
    }
    return 0;
  }

  /**
   * A hard bound on the whole run, so that a run always stops by itself: injection, then every turn
   * of the last user at its longest (stream timeout, think time), plus a minute of margin, plus the
   * longest wait for {@code injector.startAt} when one is set.
   */
  public static Duration maxDuration(RunConfig config) {
    LoadConfig load = config.load();
    Duration perTurn =
        config.stream().streamTimeout().plus(Duration.ofSeconds(5)).plus(load.thinkTime());
    Duration tail =
        load.profile() == LoadProfile.CONCURRENCY
            ? load.duration().plus(perTurn)
            : perTurn.multipliedBy(load.turns());
    Duration startWait =
        config.injector().startAt().isPresent() ? InjectorConfig.MAX_START_DISTANCE : Duration.ZERO;
    // The loopback warm-up runs before the load (SSE runs), at most warmUp.loopback.
    return injectionDuration(plan(load))
        .plus(tail)
        .plus(Duration.ofMinutes(1))
        .plus(startWait)
        .plus(config.loopbackWarmUp());
  }

  /** Time over which users are injected (the last stream may run past it by the stream timeout). */
  public static Duration injectionDuration(List<StepPlan> plan) {
    StepPlan last = plan.get(plan.size() - 1);
    return last.startOffset().plus(last.duration());
  }
}
