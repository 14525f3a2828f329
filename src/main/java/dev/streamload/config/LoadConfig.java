package dev.streamload.config;

import java.time.Duration;

/**
 * How much load, and in which shape: one of the {@link LoadProfile}s with its parameters.
 *
 * @param smokeUsers users arriving at once in the smoke profile (open model; each runs {@code
 *     turns} streams)
 * @param startRate first staircase level, new streams per second
 * @param stepRate increase of the arrival rate per staircase level, streams per second
 * @param steps number of staircase levels
 * @param stepDuration how long each level is held
 * @param rampDuration linear ramp between two levels (zero = jump)
 * @param poisson staircase arrivals at random (Poisson) instead of evenly spaced times
 * @param users closed model: concurrent users
 * @param usersRamp closed model: time over which the users are started
 * @param duration closed model: how long each user keeps streaming (after its ramp)
 * @param turns open profiles: streams per user, in the same conversation
 * @param thinkTime pause between two turns of a user
 */
public record LoadConfig(
    LoadProfile profile,
    int smokeUsers,
    double startRate,
    double stepRate,
    int steps,
    Duration stepDuration,
    Duration rampDuration,
    boolean poisson,
    int users,
    Duration usersRamp,
    Duration duration,
    int turns,
    Duration thinkTime) {

  static final Duration MAX_RUN = Duration.ofHours(24);

  /** Reads the profile and every parameter (all validated; see README for the table). */
  public static LoadConfig read(Settings s) {
    LoadProfile profile = s.choice("profile", LoadProfile.SMOKE, LoadProfile.class);
    int smokeUsers = s.integer("smoke.users", 5, 1, 10_000);
    double startRate = s.decimal("staircase.startRate", 1, 0.001, 100_000);
    double stepRate = s.decimal("staircase.stepRate", 1, 0, 100_000);
    int steps = s.integer("staircase.steps", 5, 1, 1_000);
    Duration stepDuration =
        s.duration(
            "staircase.stepDuration", Duration.ofSeconds(30), Duration.ofSeconds(1), MAX_RUN);
    Duration ramp = s.duration("staircase.rampDuration", Duration.ZERO, Duration.ZERO, MAX_RUN);
    requireZeroOrWholeSecond(s, "staircase.rampDuration", ramp);
    boolean poisson = s.bool("staircase.poisson", false);
    int users = s.integer("concurrency.users", 10, 1, 100_000);
    Duration usersRamp =
        s.duration("concurrency.ramp", Duration.ofSeconds(5), Duration.ZERO, MAX_RUN);
    requireZeroOrWholeSecond(s, "concurrency.ramp", usersRamp);
    Duration duration =
        s.duration("concurrency.duration", Duration.ofSeconds(60), Duration.ofSeconds(1), MAX_RUN);
    int turns = s.integer("chat.turns", 1, 1, 10_000);
    Duration think =
        s.duration("chat.thinkTime", Duration.ZERO, Duration.ZERO, Duration.ofHours(1));
    return new LoadConfig(
        profile,
        smokeUsers,
        startRate,
        stepRate,
        steps,
        stepDuration,
        ramp,
        poisson,
        users,
        usersRamp,
        duration,
        turns,
        think);
  }

  /**
   * Gatling injects ramps with a resolution of one second: a ramp shorter than that injects no user
   * at all, and one that is not a whole number of seconds is cut short. Say so up front.
   */
  private static void requireZeroOrWholeSecond(Settings s, String name, Duration ramp) {
    if (!ramp.isZero()
        && (ramp.compareTo(Duration.ofSeconds(1)) < 0 || ramp.toMillis() % 1000 != 0)) {
      s.problem(
          name,
          Settings.human(ramp),
          "0 or a whole number of seconds (Gatling ramps in whole seconds)");
    }
  }

  /** Arrival rate of staircase level {@code i} (0-based), streams per second. */
  public double levelRate(int i) {
    return startRate + i * stepRate;
  }

  /** The profile's name as given with {@code -Dprofile}, e.g. {@code staircase}. */
  public String profileName() {
    return profile.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** One line for the console, e.g. "staircase: 1.0 → 5.0 streams/s in 5 levels of 30s". */
  public String describe() {
    switch (profile) {
      case SMOKE:
        return "smoke: " + smokeUsers + " users at once, " + turns + " stream(s) each";
      case STAIRCASE:
        return String.format(
            java.util.Locale.ROOT,
            "staircase: %.3g -> %.3g new streams/s in %d level(s) of %s%s%s, %d stream(s) per user",
            levelRate(0),
            levelRate(steps - 1),
            steps,
            Settings.human(stepDuration),
            rampDuration.isZero() ? "" : ", ramps of " + Settings.human(rampDuration),
            poisson ? ", Poisson arrivals" : "",
            turns);
      case CONCURRENCY:
        return "concurrency: "
            + users
            + " users (started over "
            + Settings.human(usersRamp)
            + "), streaming for "
            + Settings.human(duration);
    }
    throw new AssertionError(profile);
  }
}
