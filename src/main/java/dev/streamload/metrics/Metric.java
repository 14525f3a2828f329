package dev.streamload.metrics;

/**
 * The distributions kept for every scope (the run and each step), with the stable name each has in
 * the mergeable files ({@code histograms.hlog} tags, {@code injector.json}).
 */
public enum Metric {
  /** Time to first token, ns. */
  TTFT("ttft"),
  /** Gaps between consecutive text events, ns. */
  ITL("itl"),
  /** Time per output token, ns. */
  TPOT("tpot"),
  /** Send to end marker, ns. */
  E2E("e2e"),
  /** Send to headers, ns. */
  TIME_TO_HEADERS("time_to_headers"),
  /** Schedule to send, ns. */
  SCHEDULE_LAG("schedule_lag"),
  /** Schedule to first token, ns. */
  TTFT_FROM_SCHEDULE("ttft_from_schedule"),
  /** Output tokens per stream. */
  OUTPUT_TOKENS("output_tokens"),
  /** Text fragments per stream. */
  FRAGMENTS("fragments"),
  /** Per-stream output rate in thousandths of a token per second. */
  OUTPUT_RATE("output_rate");

  private final String wireName;

  Metric(String wireName) {
    this.wireName = wireName;
  }

  /** Stable lowercase name for files. */
  public String wireName() {
    return wireName;
  }

  /** The metric whose {@link #wireName()} is {@code name}. */
  public static Metric fromWireName(String name) {
    for (Metric m : values()) {
      if (m.wireName.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown metric '" + name + "'");
  }

  /** True for times in nanoseconds; false for counts and rates. */
  public boolean isTime() {
    return ordinal() <= TTFT_FROM_SCHEDULE.ordinal();
  }
}
