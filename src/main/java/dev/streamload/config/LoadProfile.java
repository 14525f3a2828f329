package dev.streamload.config;

/** The named injection profiles, chosen with {@code -Dprofile=...}. */
public enum LoadProfile {
  /**
   * Open model: a few users arriving at once, {@code chat.turns} streams each: checks the chain end
   * to end before any real load.
   */
  SMOKE,
  /**
   * Open model: arrival rate held for a while, then raised step by step ("start small, step up").
   */
  STAIRCASE,
  /** Closed model: a fixed number of users, each streaming turn after turn for a duration. */
  CONCURRENCY
}
