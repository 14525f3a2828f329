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
  private long lastEventNanos = StreamResult.ABSENT;
  private long chunkNanos = StreamResult.ABSENT;
  private int status = -1;
  private String contentType;
  private boolean responseEnded;
  private String errorBody;

  private Channel channel;
  private io.netty.util.concurrent.GenericFutureListener<io.netty.util.concurrent.Future<Void>>
      closeListener;
  private Consumer<String> crasher;
  private ScheduledFuture<?> timer;
  private Termination trip;
  private String tripDetail;
  private long tripNanos;
  private boolean finished;
  private Consumer<String> tap;

  /**
   * The clock of every stream the client times ({@link System#nanoTime()}), one instance for the
   * whole JVM. Each {@code System::nanoTime} written in the code is a class of its own: when the
   * warm-up's streams had one and the load's another, the JIT threw away the compiled event path
   * that had only seen the warm-up's ({@code class_check} de-optimisation of {@link #now}, JFR
   * {@code jdk.Deoptimization}) at the first event of the load's first streams, the very events
   * whose time to first fragment was being taken (docs/benchmark.md "Cold start").
   */
  public static final LongSupplier SYSTEM_CLOCK = System::nanoTime;

  /**
   * A stream of the run, timed by {@link #SYSTEM_CLOCK}: what every stream the client sends must be
   * (the load's and the loopback warm-up's alike). The constructors that take a clock are for tests
   * and for the made-up events of {@link WarmUp}.
   *
   * @param startNanos when the user reached the stream step (the schedule for this stream)
   * @param rules finish reasons that fail a stream, content checks, answer sample
   */
  public static LiveStream onTheSystemClock(
      String requestId,
      String userId,
      int step,
      long startNanos,
      StreamLimits limits,
      EventParser parser,
      boolean keepEventTimes,
      AnswerRules rules) {
    return new LiveStream(
        requestId, userId, step, startNanos, limits, parser, keepEventTimes, rules, SYSTEM_CLOCK);
  }

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

  /**
   * Hands every event of this stream to {@code tap} too, before it is recorded (e.g. to read the
   * conversation id a first answer carries); on the event loop, so it must be quick.
   */
  public void tap(Consumer<String> tap) {
    this.tap = tap;
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
    if (tap != null) {
      tap.accept(message);
    }
    if (status < 0) {
      // Gatling only emits events for a 200 text/event-stream response; the headers hook did not
      // run (a stream without the connection watch, e.g. in a unit test).
      onHeaders(StreamResult.ABSENT, 200, "text/event-stream");
    }
    boolean first = lastEventNanos == StreamResult.ABSENT;
    lastEventNanos = nanos;
    if (first && channel != null && timer != null) {
      // The idle clock starts at the first event.
      timer.cancel(false);
      schedule(nanos);
    }
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
   * Starts watching the connection, right after the request was handed to it ({@link
   * StreamListener#onWrite}): a close before the end of the response, a silence of the idle timeout
   * or longer after the first event, or the stream deadline crash the stream through {@code
   * crasher} and close the channel.
   *
   * <p>A close is judged one event-loop task later: when Gatling closes the connection itself after
   * the last chunk of the response, that chunk (and its events) are processed in between, so an
   * orderly end is never taken for a cut; a cut by the server is still reported before Gatling
   * handles the closed channel (which would schedule its silent reconnect).
   *
   * @param nanos when the request was written
   */
  public void watch(Channel channel, Consumer<String> crasher, long nanos) {
    if (this.channel != null || channel == null || recorder == null) {
      return;
    }
    this.channel = channel;
    this.crasher = crasher;
    closeListener = f -> channel.eventLoop().execute(this::closed);
    channel.closeFuture().addListener(closeListener);
    schedule(nanos);
  }

  private void closed() {
    if (responseEnded || rejected()) {
      // Gatling closed it after the response's last chunk, or after a response it refuses (its
      // own crash describes that stream).
      return;
    }
    trip(
        Termination.CONNECTION_CUT,
        status < 0
            ? "connection closed by the server before the response headers"
            : "connection closed by the server before the end marker",
        clock.getAsLong());
  }

  /** Headers arrived that Gatling rejects: not 200, or 200 without text/event-stream. */
  private boolean rejected() {
    return status >= 0
        && (status != 200 || contentType == null || !contentType.startsWith("text/event-stream"));
  }

  /**
   * Records the response status and headers as they arrive (time to headers).
   *
   * @param nanos receive time ({@link StreamResult#ABSENT} when unknown)
   * @param contentType the {@code Content-Type} value, or null
   */
  public void onHeaders(long nanos, int status, String contentType) {
    if (recorder == null || this.status >= 0) {
      return;
    }
    this.status = status;
    this.contentType = contentType;
    recorder.onHeaders(nanos, status, contentType);
  }

  /** Now, on the stream's clock. */
  long now() {
    return clock.getAsLong();
  }

  /** Whether this stream is timed by {@link #SYSTEM_CLOCK}, as every stream of a run must be. */
  public boolean onSystemClock() {
    return clock == SYSTEM_CLOCK;
  }

  /** A chunk of the response body arrived at {@code nanos}: its events are timed from there. */
  public void onChunk(long nanos) {
    chunkNanos = nanos;
  }

  /** The last chunk of the response arrived: a close from now on is not a cut. */
  public void onResponseEnd() {
    responseEnded = true;
  }

  /**
   * The receive time of the event being handed to the hook: the arrival of the chunk that carried
   * it (the earliest instant the client had its bytes), or now when no chunk time is known.
   */
  public long receiveNanos() {
    return chunkNanos != StreamResult.ABSENT ? chunkNanos : clock.getAsLong();
  }

  /**
   * The start of the body of a response Gatling rejects (already bounded and flattened), added to
   * the stream's failure detail.
   */
  public void onErrorBody(String text) {
    errorBody = text == null || text.isEmpty() ? null : text;
  }

  private void schedule(long now) {
    long deadline = startNanos + limits.streamTimeout().toNanos();
    // Before the first event the first-fragment timeout applies (Gatling's await), not
    // timeout.idle.
    long at =
        lastEventNanos == StreamResult.ABSENT
            ? deadline
            : Math.min(deadline, lastEventNanos + limits.idleTimeoutNanos());
    timer = channel.eventLoop().schedule(this::check, Math.max(0, at - now), TimeUnit.NANOSECONDS);
  }

  private void check() {
    if (finished || trip != null || recorder.endMarkerReceived()) {
      return;
    }
    long now = clock.getAsLong();
    long silent = lastEventNanos == StreamResult.ABSENT ? 0 : now - lastEventNanos;
    if (now - startNanos >= limits.streamTimeout().toNanos()) {
      trip(
          Termination.STREAM_TIMEOUT,
          "no end marker within timeout.stream=" + seconds(limits.streamTimeout().toNanos()),
          now);
    } else if (lastEventNanos != StreamResult.ABSENT && silent >= limits.idleTimeoutNanos()) {
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
   * Ends the stream in {@code session} (where Gatling left its SSE state) and classifies it: what
   * the run and the warm-up both do once the stream step is over.
   */
  public StreamResult finish(long nanos, io.gatling.javaapi.core.Session session) {
    return finish(
        nanos,
        StreamEnd.of(
            sends > 0,
            SseInternals.crashMessage(session),
            session.isFailed(),
            markerSeen(),
            textSeen()));
  }

  /**
   * Ends the stream and classifies it.
   *
   * @param end what Gatling left behind, used when our own watch did not end the stream
   */
  public StreamResult finish(long nanos, StreamEnd end) {
    finished = true;
    WatchedSse.forget(this);
    if (timer != null) {
      timer.cancel(false);
    }
    if (closeListener != null) {
      // The connection may go back to the pool and carry the user's next stream.
      channel.closeFuture().removeListener(closeListener);
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
      onHeaders(StreamResult.ABSENT, end.status(), end.contentType());
    }
    String detail = end.detail();
    if (errorBody != null && end.termination() == Termination.HTTP_STATUS) {
      detail = "status " + status + ": " + errorBody;
    }
    return recorder.finish(nanos, end.termination(), detail);
  }

  /**
   * True when the end marker came but the response has not ended yet: the server usually ends it in
   * the same TCP segment, and a connection whose response ended goes back to the user's pool for
   * the next stream instead of being closed.
   */
  public boolean responsePending() {
    return markerSeen() && !responseEnded && channel != null && channel.isActive();
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
