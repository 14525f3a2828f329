package dev.streamload.config;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * This load generator's place among several coordinated injectors that share one planned load (see
 * README, "Several injectors"): which one it is, how many there are, and the wall-clock instant at
 * which all of them start their steps. Alone (the default) it is injector 0 of 1 and changes
 * nothing.
 *
 * @param index this injector, 0 to {@code count - 1}
 * @param count injectors sharing the load
 * @param startAt when every injector starts its steps; empty: at once
 */
public record InjectorConfig(int index, int count, Optional<Instant> startAt) {

  /** Furthest a start instant may lie from the clock, in the future or in the past. */
  public static final Duration MAX_START_DISTANCE = Duration.ofMinutes(10);

  /** Most injectors one load may be split over. */
  public static final int MAX_INJECTORS = 1_000;

  /** Validates the numbers; errors name the field and the value. */
  public InjectorConfig {
    if (count < 1 || count > MAX_INJECTORS) {
      throw new IllegalArgumentException(
          "count must be between 1 and " + MAX_INJECTORS + ", got " + count);
    }
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "index must be between 0 and " + (count - 1) + ", got " + index);
    }
    startAt = startAt == null ? Optional.empty() : startAt;
  }

  /** One injector alone, starting at once. */
  public static InjectorConfig alone() {
    return new InjectorConfig(0, 1, Optional.empty());
  }

  /**
   * Reads {@code injector.count}, {@code injector.index} and {@code injector.startAt} (an ISO-8601
   * instant such as {@code 2025-06-01T12:00:00Z}, or epoch milliseconds), which must lie within
   * {@link #MAX_START_DISTANCE} of {@code now}.
   */
  public static InjectorConfig read(Settings s, Instant now) {
    int count = s.integer("injector.count", 1, 1, MAX_INJECTORS);
    int index = 0;
    Optional<String> rawIndex = s.raw("injector.index");
    if (rawIndex.isPresent()) {
      index = s.integer("injector.index", 0, 0, MAX_INJECTORS - 1);
      if (index >= count) {
        s.problem(
            "injector.index",
            rawIndex.get(),
            "a whole number from 0 to injector.count - 1 = " + (count - 1));
        index = 0;
      }
    }
    Optional<Instant> startAt = Optional.empty();
    Optional<String> rawStart = s.raw("injector.startAt").filter(v -> !v.isEmpty());
    if (rawStart.isPresent()) {
      startAt = parseInstant(rawStart.get());
      if (startAt.isEmpty()) {
        s.problem(
            "injector.startAt",
            rawStart.get(),
            "an ISO-8601 instant such as 2025-06-01T12:00:00Z, or epoch milliseconds");
      } else if (Duration.between(now, startAt.get()).abs().compareTo(MAX_START_DISTANCE) > 0) {
        s.problem(
            "injector.startAt",
            rawStart.get(),
            "an instant within "
                + Settings.human(MAX_START_DISTANCE)
                + " of now ("
                + now
                + "); is the value stale, or this machine's clock wrong?");
        startAt = Optional.empty();
      }
    }
    return new InjectorConfig(index, count, startAt);
  }

  private static Optional<Instant> parseInstant(String text) {
    if (text.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeParseException again) {
        return Optional.empty();
      }
    }
  }

  /** True when more than one injector shares the load. */
  public boolean shared() {
    return count > 1;
  }

  /**
   * This injector's share of {@code total} users: {@code total / count}, plus one for the first
   * {@code total % count} injectors, so that the shares add up to {@code total} (10 over 3: 4, 3,
   * 3).
   */
  public int usersShare(int total) {
    return total / count + (index < total % count ? 1 : 0);
  }

  /** This injector's share of an arrival rate, per second: the rate divided by the count. */
  public double rateShare(double ratePerSecond) {
    return ratePerSecond / count;
  }

  /**
   * This injector's share of the whole load: users divided as {@link #usersShare}, arrival rates as
   * {@link #rateShare}; durations, turns and think time unchanged. The whole load when alone.
   */
  public LoadConfig share(LoadConfig whole) {
    if (!shared()) {
      return whole;
    }
    return new LoadConfig(
        whole.profile(),
        usersShare(whole.smokeUsers()),
        rateShare(whole.startRate()),
        rateShare(whole.stepRate()),
        whole.steps(),
        whole.stepDuration(),
        whole.rampDuration(),
        whole.poisson(),
        usersShare(whole.users()),
        whole.usersRamp(),
        whole.duration(),
        whole.turns(),
        whole.thinkTime());
  }

  /**
   * Records a problem when some injector's share of the chosen profile would have no user at all
   * (the smoke and concurrency profiles divide users, not rates).
   */
  void checkShareable(Settings s, LoadConfig whole) {
    int users =
        switch (whole.profile()) {
          case SMOKE -> whole.smokeUsers();
          case CONCURRENCY -> whole.users();
          case STAIRCASE -> Integer.MAX_VALUE;
        };
    if (users < count) {
      String property = whole.profile() == LoadProfile.SMOKE ? "smoke.users" : "concurrency.users";
      s.problem(
          "injector.count",
          Integer.toString(count),
          "at most " + property + " = " + users + ": every injector needs at least one user");
    }
  }

  /**
   * This injector's rows of a feeder: row {@code i} (0-based, in file order) belongs to injector
   * {@code i % count}, so no two injectors share a row. Every row when alone.
   */
  public <T> List<T> rowsOf(List<T> rows) {
    if (!shared()) {
      return rows;
    }
    List<T> mine = new ArrayList<>();
    for (int i = index; i < rows.size(); i += count) {
      mine.add(rows.get(i));
    }
    return mine;
  }

  /** Prefix of this injector's request ids, e.g. {@code i2-}; empty when alone. */
  public String requestIdPrefix() {
    return shared() ? "i" + index + "-" : "";
  }

  /** One line for the console, e.g. "injector 2 of 3 (0-based), starting its steps at ...". */
  public String describe() {
    return "injector "
        + index
        + " of "
        + count
        + " (0-based)"
        + startAt.map(t -> ", starting its steps at " + t).orElse("");
  }
}
