package dev.streamload.gatling;

import dev.streamload.config.GapRows;
import dev.streamload.metrics.ClockAnchor;
import dev.streamload.stream.StreamResult;

/**
 * Turns one finished stream into report rows: one "stream" row per attempt (OK, or KO with its
 * failure class), and for successful streams "ttft", "tpot" and one "inter-fragment gap" row per
 * gap. Row times are epoch milliseconds derived from the stream's nanosecond clock.
 */
public final class StreamRows {

  /**
   * One row per stream attempt: response time = send → end marker; KO message = the failure class
   * and its fixed explanation ({@link dev.streamload.stream.FailureClass#reportMessage()}).
   */
  public static final String STREAM = "stream";

  /** Send → first text fragment. */
  public static final String TTFT = "ttft";

  /** Gap between two consecutive text fragments (one row per gap). */
  public static final String GAP = "inter-fragment gap";

  /** Time per output token after the first. */
  public static final String TPOT = "tpot";

  private StreamRows() {}

  /**
   * Writes the rows of {@code result} to {@code sink}, with {@code gapRows} deciding the gap rows.
   */
  public static void write(
      StreamResult result, ClockAnchor anchor, GapRows gapRows, ReportRows.Sink sink) {
    long startNanos = result.sendNanos() >= 0 ? result.sendNanos() : result.scheduledNanos();
    long start = millis(anchor, startNanos);
    if (result.failure().isPresent()) {
      long end = start + Math.max(0, Math.round((result.finishNanos() - startNanos) / 1e6));
      // The fixed message of the class, not the stream's own detail (request ids, byte counts,
      // server text): Gatling's errors table groups rows by message, one line per class.
      sink.row(STREAM, start, end, false, result.failure().get().reportMessage());
      return;
    }
    sink.row(STREAM, start, start + Math.round(result.e2eNanos() / 1e6), true, null);
    sink.row(TTFT, start, start + Math.round(result.ttftNanos() / 1e6), true, null);
    if (result.tpotNanos() >= 0) {
      long at = millis(anchor, result.firstTextNanos());
      sink.row(TPOT, at, at + Math.round(result.tpotNanos() / 1e6), true, null);
    }
    if (gapRows == GapRows.MAX && result.gapsNanos().length > 0) {
      long at = millis(anchor, result.firstTextNanos());
      long longest = 0;
      for (long gap : result.gapsNanos()) {
        longest = Math.max(longest, gap);
      }
      sink.row(GAP, at, at + Math.round(longest / 1e6), true, null);
    }
    if (gapRows != GapRows.ALL) {
      return;
    }
    long previous = result.firstTextNanos();
    for (long gap : result.gapsNanos()) {
      long at = millis(anchor, previous);
      sink.row(GAP, at, at + Math.round(gap / 1e6), true, null);
      previous += gap;
    }
  }

  private static long millis(ClockAnchor anchor, long nanos) {
    return Math.round(anchor.toEpochMillis(nanos));
  }
}
