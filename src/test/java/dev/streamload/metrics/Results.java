package dev.streamload.metrics;

import dev.streamload.stream.FailureClass;
import dev.streamload.stream.StreamResult;
import dev.streamload.stream.Termination;
import dev.streamload.stream.TokenSource;
import java.util.Optional;

/** Builds {@link StreamResult}s with chosen times for metrics tests. */
public final class Results {

  public static final long MS = 1_000_000L;
  public static final long RUN_START = 10_000 * MS;

  private Results() {}

  /**
   * A successful stream of {@code step} sent at {@code sendMs} after the run start with the given
   * TTFT, text gaps and usage tokens; the end marker follows the last text by 1 ms.
   */
  public static StreamResult ok(
      int step, long sendMs, long ttftMs, long[] gapsMs, long usageTokens) {
    long send = RUN_START + sendMs * MS;
    long first = send + ttftMs * MS;
    long[] gaps = new long[gapsMs.length];
    long last = first;
    for (int i = 0; i < gapsMs.length; i++) {
      gaps[i] = gapsMs[i] * MS;
      last += gaps[i];
    }
    long end = last + MS;
    int fragments = gapsMs.length + 1;
    boolean usage = usageTokens >= 0;
    return new StreamResult(
        "req-" + step + "-" + sendMs,
        "user-" + (sendMs % 7),
        step,
        send - 2 * MS,
        send,
        send + ttftMs * MS / 2,
        first,
        last,
        end,
        end,
        200,
        fragments,
        fragments + 2,
        fragments * 4L,
        usage ? usageTokens : fragments,
        usage ? TokenSource.USAGE : TokenSource.FRAGMENTS,
        gaps,
        gapsMs.length == 0 ? 0 : java.util.Arrays.stream(gaps).max().getAsLong(),
        Termination.END_MARKER_RECEIVED,
        Optional.empty(),
        null,
        null);
  }

  /**
   * A stream of {@code step} with the timing of {@link #ok} that was then cut before its end
   * marker: it has a TTFT and gaps, but failed as {@code interrupted}.
   */
  static StreamResult cutAfterText(int step, long sendMs, long ttftMs, long[] gapsMs) {
    StreamResult ok = ok(step, sendMs, ttftMs, gapsMs, -1);
    return new StreamResult(
        "req-cut-" + step + "-" + sendMs,
        ok.userId(),
        step,
        ok.scheduledNanos(),
        ok.sendNanos(),
        ok.headersNanos(),
        ok.firstTextNanos(),
        ok.lastTextNanos(),
        StreamResult.ABSENT,
        ok.finishNanos(),
        200,
        ok.fragments(),
        ok.fragments(),
        ok.textChars(),
        ok.fragments(),
        TokenSource.FRAGMENTS,
        ok.gapsNanos(),
        ok.maxGapNanos(),
        Termination.CONNECTION_CUT,
        Optional.of(FailureClass.INTERRUPTED),
        "connection closed by the server before the end marker",
        null);
  }

  /** A failed stream of {@code step} that finished {@code finishMs} after the run start. */
  public static StreamResult failed(int step, long sendMs, long finishMs, FailureClass failure) {
    long send = RUN_START + sendMs * MS;
    return new StreamResult(
        "req-f-" + step + "-" + sendMs,
        "user-x",
        step,
        send,
        send,
        StreamResult.ABSENT,
        StreamResult.ABSENT,
        StreamResult.ABSENT,
        StreamResult.ABSENT,
        RUN_START + finishMs * MS,
        -1,
        0,
        0,
        0,
        0,
        TokenSource.FRAGMENTS,
        new long[0],
        0,
        Termination.CONNECT_FAILED,
        Optional.of(failure),
        "boom",
        null);
  }
}
