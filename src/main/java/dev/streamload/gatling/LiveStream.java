package dev.streamload.gatling;

import dev.streamload.stream.AnswerRules;
import dev.streamload.stream.EventKind;
import dev.streamload.stream.EventParser;
import dev.streamload.stream.StreamLimits;
import dev.streamload.stream.StreamRecorder;
import dev.streamload.stream.StreamResult;
import dev.streamload.stream.Termination;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One stream in flight, kept in the virtual user's session: it times every event through a {@link
 * StreamRecorder} and watches the connection so that a cut, a stall or a missed deadline ends the
 * stream at once, as one failure, without the silent re-send Gatling would otherwise do.
 *
 * <p>Every method runs on the user's Netty event loop (Gatling pins a user and its connections to
 * one loop), so no field needs synchronisation.
 */
public final class LiveStream {

  /** Session key of the stream in flight. */
  public static final String KEY = "streamload.stream";

  private final String requestId;
  private final String userId;
  private final int step;
  private final long startNanos;
  private final StreamLimits limits;
  private final EventParser parser;
  private final boolean keepEventTimes;
  private final AnswerRules rules;
  private final LongSupplier clock;

  private StreamRecorder recorder;
  private int sends;
  private long lastEventNanos;

  private Channel channel;
  private Consumer<String> crasher;
  private ScheduledFuture<?> timer;
  private Termination trip;
  private String tripDetail;
  private long tripNanos;
  private boolean finished;

  /**
   * A stream about to be sent.
   *
   * @param startNanos when the user reached the stream step (the schedule for this stream)
   * @param clock the clock of every time reading ({@link System#nanoTime()}; tests pass their own)
   */
  public LiveStream(
      String requestId,
      String userId,
      int step,
      long startNanos,
      StreamLimits limits,
      EventParser parser,
      boolean keepEventTimes,
      LongSupplier clock) {
    this(
        requestId,
        userId,
        step,
        startNanos,
        limits,
        parser,
        keepEventTimes,
        AnswerRules.none(),
        clock);
  }

  /**
   * A stream about to be sent, whose complete answer is judged by {@code rules}.
   *
   * @param rules finish reasons that fail a stream, content checks, answer sample
   */
  public LiveStream(
      String requestId,
      String userId,
      int step,
      long startNanos,
      StreamLimits limits,
      EventParser parser,
      boolean keepEventTimes,
      AnswerRules rules,
      LongSupplier clock) {
    this.rules = rules;
    this.requestId = requestId;
    this.userId = userId;
    this.step = step;
    this.startNanos = startNanos;
    this.limits = limits;
    this.parser = parser;
    this.keepEventTimes = keepEventTimes;
    this.clock = clock;
  }

  public String requestId() {
    return requestId;
  }

  /**
   * Called by the request signer right before the request is written. Returns false for a second
   * write of the same request: Gatling re-sending a cut stream on its own, which must not happen.
   */
  public boolean onSend(long nanos) {
    if (++sends > 1) {
      return false;
    }
    recorder =
        new StreamRecorder(
            requestId, userId, step, startNanos, nanos, limits, parser, keepEventTimes, rules);
    return true;
  }

  /** How many times the request was handed to the wire (replays included, blocked or not). */
  public int sends() {
    return sends;
  }

  /**
   * Records one event and says whether it ends the current await sequence: in the first sequence
   * any text, the end marker or an error; in the second the end marker or an error.
   */
  public boolean onEvent(long nanos, String message, boolean firstSequence) {
    if (recorder == null || trip != null) {
      return false;
    }
    if (recorder.events() == 0) {
      // Gatling only emits events for a 200 text/event-stream response.
      recorder.onHeaders(StreamResult.ABSENT, 200, "text/event-stream");
    }
    lastEventNanos = nanos;
    EventKind kind = recorder.onEvent(nanos, message);
    boolean terminal = kind == EventKind.END_MARKER || kind == EventKind.ERROR;
    if (firstSequence) {
      if (kind == EventKind.TEXT || terminal) {
        if (terminal && channel != null) {
          // The second sequence would wait for a marker that already came: end it right after
          // this event is processed.
          Termination how =
              kind == EventKind.ERROR ? Termination.ABORTED : Termination.END_MARKER_RECEIVED;
          String why =
              kind == EventKind.ERROR
                  ? "error event before any text"
                  : "end marker before any text";
          channel.eventLoop().execute(() -> trip(how, why, clock.getAsLong()));
        }
        return true;
      }
      return false;
    }
    return terminal;
  }

  /** True once {@link #watch} has armed the watch. */
  public boolean watching() {
    return channel != null;
  }

  /**
   * Starts watching the connection (called on the first event, before it is recorded, when Gatling
   * has a channel): a close before the end marker, a silence of the idle timeout or longer, or the
   * stream deadline crash the stream through {@code crasher} and close the channel.
   *
   * @param nanos receive time of the first event (the idle clock starts there)
   */
  public void watch(Channel channel, Consumer<String> crasher, long nanos) {
    if (this.channel != null || channel == null || recorder == null) {
      return;
    }
    this.channel = channel;
    this.crasher = crasher;
    this.lastEventNanos = nanos;
    channel
        .closeFuture()
        .addListener(
            f ->
                trip(
                    Termination.CONNECTION_CUT,
                    "connection closed by the server before the end marker",
                    clock.getAsLong()));
    schedule(nanos);
  }

  private void schedule(long now) {
    long deadline = startNanos + limits.streamTimeout().toNanos();
    long idleAt = lastEventNanos + limits.idleTimeoutNanos();
    long at = Math.min(deadline, idleAt);
    timer = channel.eventLoop().schedule(this::check, Math.max(0, at - now), TimeUnit.NANOSECONDS);
  }

  private void check() {
    if (finished || trip != null || recorder.endMarkerReceived()) {
      return;
    }
    long now = clock.getAsLong();
    long silent = now - lastEventNanos;
    if (now - startNanos >= limits.streamTimeout().toNanos()) {
      trip(
          Termination.STREAM_TIMEOUT,
          "no end marker within timeout.stream=" + seconds(limits.streamTimeout().toNanos()),
          now);
    } else if (silent >= limits.idleTimeoutNanos()) {
      // The same rule as FailureClassifier's stalled: a silence of timeout.idle or longer.
      trip(
          Termination.IDLE_TIMEOUT,
          "no event for "
              + seconds(silent)
              + " (timeout.idle="
              + seconds(limits.idleTimeoutNanos())
              + ")",
          now);
    } else {
      schedule(now);
    }
  }

  private void trip(Termination termination, String detail, long nanos) {
    if (finished
        || trip != null
        || recorder == null
        || (recorder.endMarkerReceived() && termination != Termination.END_MARKER_RECEIVED)) {
      return;
    }
    trip = termination;
    tripDetail = detail;
    tripNanos = nanos;
    if (timer != null) {
      timer.cancel(false);
    }
    crasher.accept(detail);
    channel.close();
  }

  /**
   * Ends the stream and classifies it.
   *
   * @param end what Gatling left behind, used when our own watch did not end the stream
   */
  public StreamResult finish(long nanos, StreamEnd end) {
    finished = true;
    if (timer != null) {
      timer.cancel(false);
    }
    if (recorder == null) {
      // Never written: connect failure. Time it from the stream step.
      recorder =
          new StreamRecorder(
              requestId,
              userId,
              step,
              startNanos,
              startNanos,
              limits,
              parser,
              keepEventTimes,
              rules);
    }
    if (trip != null && trip != Termination.END_MARKER_RECEIVED) {
      return recorder.finish(tripNanos, trip, tripDetail);
    }
    if (end.status() > 0) {
      recorder.onHeaders(StreamResult.ABSENT, end.status(), end.contentType());
    }
    return recorder.finish(nanos, end.termination(), end.detail());
  }

  /** True when the recorder saw the end marker. */
  public boolean markerSeen() {
    return recorder != null && recorder.endMarkerReceived();
  }

  /** The finished stream's answer text if it is in the answer sample, once; else null. */
  public String takeSampledAnswer() {
    return recorder == null ? null : recorder.takeSampledAnswer();
  }

  /** True when the recorder saw text. */
  public boolean textSeen() {
    return recorder != null && recorder.fragments() > 0;
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
  }
}
