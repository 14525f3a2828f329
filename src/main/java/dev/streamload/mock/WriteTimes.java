package dev.streamload.mock;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ground truth of when the mock wrote each event, per request id, as {@link System#nanoTime()}
 * values in nanoseconds, with the time each event was scheduled for so that the mock's own lateness
 * (written minus scheduled) can be reported.
 *
 * <p>A request id seen again (a client replay) is stored under {@code id#2}, {@code id#3} and so
 * on. Memory grows with every recorded stream until {@link #clear()}.
 */
public final class WriteTimes {

  private final ConcurrentHashMap<String, Recorder> streams = new ConcurrentHashMap<>();

  /** Starts recording a stream of at most {@code capacity} events and returns its recorder. */
  Recorder open(String requestId, int capacity) {
    Recorder recorder = new Recorder(capacity);
    String key = requestId;
    for (int n = 2; streams.putIfAbsent(key, recorder) != null; n++) {
      key = requestId + "#" + n;
    }
    return recorder;
  }

  /** Ids of the recorded streams. */
  public Set<String> requestIds() {
    return Set.copyOf(streams.keySet());
  }

  /** Whether a stream with this request id was recorded. */
  public boolean contains(String requestId) {
    return streams.containsKey(requestId);
  }

  /**
   * Write times in nanoseconds ({@link System#nanoTime()}), one per event written so far.
   *
   * @throws IllegalArgumentException when the request id was not recorded
   */
  public long[] writeNanos(String requestId) {
    return recorder(requestId).written();
  }

  /**
   * Scheduled times in nanoseconds ({@link System#nanoTime()}), one per event written so far.
   *
   * @throws IllegalArgumentException when the request id was not recorded
   */
  public long[] scheduledNanos(String requestId) {
    return recorder(requestId).scheduled();
  }

  /**
   * The mock's own lateness per event in nanoseconds: write time minus scheduled time.
   *
   * @throws IllegalArgumentException when the request id was not recorded
   */
  public long[] latenessNanos(String requestId) {
    Recorder recorder = recorder(requestId);
    long[] written = recorder.written();
    long[] scheduled = recorder.scheduled();
    long[] lateness = new long[Math.min(written.length, scheduled.length)];
    for (int i = 0; i < lateness.length; i++) {
      lateness[i] = written[i] - scheduled[i];
    }
    return lateness;
  }

  /** Every recorded stream's write times in nanoseconds, keyed by request id. */
  public Map<String, long[]> asMap() {
    Map<String, long[]> copy = new LinkedHashMap<>();
    streams.forEach((id, recorder) -> copy.put(id, recorder.written()));
    return copy;
  }

  /** Number of recorded streams. */
  public int streamCount() {
    return streams.size();
  }

  /** Number of recorded events over all streams. */
  public long eventCount() {
    long total = 0;
    for (Recorder recorder : streams.values()) {
      total += recorder.count;
    }
    return total;
  }

  /** The largest lateness of any recorded event in nanoseconds, 0 when none was recorded. */
  public long maxLatenessNanos() {
    long max = 0;
    for (Recorder recorder : streams.values()) {
      long[] written = recorder.written();
      long[] scheduled = recorder.scheduled();
      for (int i = 0; i < Math.min(written.length, scheduled.length); i++) {
        max = Math.max(max, written[i] - scheduled[i]);
      }
    }
    return max;
  }

  /** Forgets every recorded stream. */
  public void clear() {
    streams.clear();
  }

  private Recorder recorder(String requestId) {
    Recorder recorder = streams.get(requestId);
    if (recorder == null) {
      throw new IllegalArgumentException(
          "no write times recorded for request id '" + requestId + "'");
    }
    return recorder;
  }

  /** Preallocated per-stream arrays, written by one event loop thread and read by any thread. */
  static final class Recorder {
    private final long[] scheduled;
    private final long[] written;
    private volatile int count;

    private Recorder(int capacity) {
      this.scheduled = new long[capacity];
      this.written = new long[capacity];
    }

    /** Records one event; events beyond the capacity are ignored. */
    void record(long scheduledNanos, long writtenNanos) {
      int n = count;
      if (n < written.length) {
        scheduled[n] = scheduledNanos;
        written[n] = writtenNanos;
        count = n + 1;
      }
    }

    long[] written() {
      return Arrays.copyOf(written, count);
    }

    long[] scheduled() {
      return Arrays.copyOf(scheduled, count);
    }
  }
}
