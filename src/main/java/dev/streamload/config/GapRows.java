package dev.streamload.config;

/**
 * Which "inter-fragment gap" rows go into Gatling's report ({@code -Dreport.gapRows}). Every gap is
 * always in summary.json; a report row per gap costs the client about as much CPU as Gatling's own
 * handling of the event (see docs/benchmark.md), so heavy runs may want fewer rows.
 */
public enum GapRows {
  /** One row per gap between two text fragments: the true distribution in the report. */
  ALL,
  /** One row per successful stream: its longest gap. */
  MAX,
  /** No gap rows. */
  NONE
}
