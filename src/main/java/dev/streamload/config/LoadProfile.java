package dev.streamload.config;

/** The named injection profiles, chosen with {@code -Dprofile=...}. */
public enum LoadProfile {
  /** A few users, one stream each: checks the chain end to end before any real load. */
  SMOKE,
  /**
   * Open model: arrival rate held for a while, then raised step by step ("start small, step up").
   */
  STAIRCASE,
  /** Closed model: a fixed number of users, each streaming turn after turn for a duration. */
  CONCURRENCY
}
