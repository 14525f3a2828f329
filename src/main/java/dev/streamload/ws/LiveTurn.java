package dev.streamload.ws;

import dev.streamload.gatling.StreamEnd;
import dev.streamload.run.StreamTicket;
import dev.streamload.stream.EventKind;
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
 * One WebSocket turn in flight, kept in the virtual user's session: it stamps the moment its
 * message is written, times every message of the answer through a {@link StreamRecorder}, and
 * watches the deadlines Gatling's single await cannot tell apart (no text within {@code
 * timeout.firstFragment}, a silence of {@code timeout.idle} or longer, {@code timeout.stream}),
 * each of which crashes the socket at once and ends the turn as one failure.
 *
 * <p>Every method runs on the user's Netty event loop, so no field needs synchronisation.
 */
public final class LiveTurn {

  /** Session key of the turn in flight. */
  public static final String KEY = "streamload.ws.turn";

  private final StreamTicket ticket;
  private final WsReading reading;
  private final LongSupplier clock;

  private StreamRecorder recorder;
  private int sends;
  private long sentNanos;
  private long lastEventNanos = -1;
  private SocketWatch socket;

  private Channel channel;
  private Consumer<String> crasher;
  private ScheduledFuture<?> timer;
  private long timerAt;
  private Termination trip;
  private String tripDetail;
  private long tripNanos;
  private boolean finished;

  /**
   * A turn about to send its message.
   *
   * @param clock the clock of every time reading ({@link System#nanoTime()}; tests pass their own)
   */
  public LiveTurn(StreamTicket ticket, WsReading reading, LongSupplier clock) {
    this.ticket = ticket;
    this.reading = reading;
    this.clock = clock;
  }

  public String requestId() {
    return ticket.requestId();
  }

  /** The socket's watch this turn reads close codes from (set by a send on that socket). */
  public void socket(SocketWatch watch) {
    if (watch != null) {
      this.socket = watch;
    }
  }

  public SocketWatch socket() {
    return socket;
  }

  /**
   * Called right before the message is written: starts the recording and the deadlines.
   *
   * @param nanos the write time
   * @param channel the socket's channel (its event loop runs the deadlines; a trip closes it)
   * @param crasher crashes the socket in Gatling with a reason, so the pending check fails at once
   * @return false for a second send of the same turn, which must not happen
   */
  public boolean onSend(long nanos, Channel channel, Consumer<String> crasher) {
    if (++sends > 1) {
      return false;
    }
    sentNanos = nanos;
    recorder =
        new StreamRecorder(
            ticket.requestId(),
            ticket.userId(),
            ticket.step(),
            ticket.startNanos(),
            nanos,
            ticket.limits(),
            reading.parser(),
            ticket.keepEventTimes(),
            ticket.rules());
    if (channel != null) {
      this.channel = channel;
      this.crasher = crasher;
      schedule(nanos);
    }
    return true;
  }

  /** How many times the message was written. */
  public int sends() {
    return sends;
  }

  /**
   * Records one message of the answer and says whether it ends the wait: the message that ends the
   * answer, or an error message.
   */
  public boolean onMessage(long nanos, String message) {
    if (recorder == null || trip != null || finished) {
      return false;
    }
    lastEventNanos = nanos;
    if (timer != null && nanos + ticket.limits().idleTimeoutNanos() < timerAt) {
      // The idle deadline of this message comes before the one the timer waits for (the first
      // fragment's, typically): wake up for it. Later messages only move it further away.
      timer.cancel(false);
      schedule(nanos);
    }
    EventKind kind = reading.feed(recorder, nanos, message);
    return kind == EventKind.END_MARKER || kind == EventKind.ERROR;
  }

  private void schedule(long now) {
    long at = ticket.startNanos() + ticket.limits().streamTimeout().toNanos();
    if (recorder.fragments() == 0) {
      at = Math.min(at, sentNanos + ticket.limits().firstFragmentTimeout().toNanos());
    }
    if (lastEventNanos >= 0) {
      at = Math.min(at, lastEventNanos + ticket.limits().idleTimeoutNanos());
    }
    timerAt = at;
    timer = channel.eventLoop().schedule(this::check, Math.max(0, at - now), TimeUnit.NANOSECONDS);
  }

  private void check() {
    timer = null;
    if (finished || trip != null || recorder.endMarkerReceived()) {
      return;
    }
    long now = clock.getAsLong();
    if (now - ticket.startNanos() >= ticket.limits().streamTimeout().toNanos()) {
      trip(
          Termination.STREAM_TIMEOUT,
          "no end of the answer within timeout.stream="
              + seconds(ticket.limits().streamTimeout().toNanos()),
          now);
    } else if (recorder.fragments() == 0
        && now - sentNanos >= ticket.limits().firstFragmentTimeout().toNanos()) {
      trip(
          Termination.FIRST_FRAGMENT_TIMEOUT,
          "no text within timeout.firstFragment="
              + seconds(ticket.limits().firstFragmentTimeout().toNanos()),
          now);
    } else if (lastEventNanos >= 0 && now - lastEventNanos >= ticket.limits().idleTimeoutNanos()) {
      // The same rule as FailureClassifier's stalled: a silence of timeout.idle or longer.
      trip(
          Termination.IDLE_TIMEOUT,
          "no message for "
              + seconds(now - lastEventNanos)
              + " (timeout.idle="
              + seconds(ticket.limits().idleTimeoutNanos())
              + ")",
          now);
    } else {
      schedule(now);
    }
  }

  private void trip(Termination termination, String detail, long nanos) {
    trip = termination;
    tripDetail = detail;
    tripNanos = nanos;
    crasher.accept(detail);
    channel.close();
  }

  /**
   * Ends the turn and classifies it.
   *
   * @param end what Gatling and the socket watch left behind, used when no deadline ended the turn
   */
  public StreamResult finish(long nanos, StreamEnd end) {
    finished = true;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    if (recorder == null) {
      // Never written (refused handshake, socket gone): timed from the turn's start.
      recorder =
          new StreamRecorder(
              ticket.requestId(),
              ticket.userId(),
              ticket.step(),
              ticket.startNanos(),
              ticket.startNanos(),
              ticket.limits(),
              reading.parser(),
              ticket.keepEventTimes(),
              ticket.rules());
    }
    if (trip != null) {
      return recorder.finish(tripNanos, trip, tripDetail);
    }
    if (end.status() > 0) {
      recorder.onHeaders(StreamResult.ABSENT, end.status(), end.contentType());
    }
    return recorder.finish(nanos, end.termination(), end.detail());
  }

  /** True when the message that ends the answer was seen. */
  public boolean endSeen() {
    return recorder != null && recorder.endMarkerReceived();
  }

  /** True when the answer had text. */
  public boolean textSeen() {
    return recorder != null && recorder.fragments() > 0;
  }

  /** True once a deadline of this turn crashed its socket. */
  public boolean tripped() {
    return trip != null;
  }

  /** The finished turn's answer text if it is in the answer sample, once; else null. */
  public String takeSampledAnswer() {
    return recorder == null ? null : recorder.takeSampledAnswer();
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
  }
}
