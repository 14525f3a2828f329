package dev.streamload.mock;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.EventExecutor;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The part of the mock's shared state the WebSocket chat ({@code dev.streamload.mock.ws}) uses:
 * accounts and tokens, the per-message plan (settings, overrides, fault draw) and the counters, so
 * that a WebSocket answer is counted like an SSE stream in {@code /admin/stats} and {@code
 * mock.json}.
 */
public final class WsMockAccess {

  private final MockChatServer.Shared shared;

  WsMockAccess(MockChatServer.Shared shared) {
    this.shared = shared;
  }

  /** The user a login token belongs to. */
  public Optional<String> userForToken(String token) {
    return token == null ? Optional.empty() : shared.auth().userForToken(token);
  }

  /**
   * Checks the {@code X-Mock-*} headers of an upgrade request.
   *
   * @throws IllegalArgumentException naming the header, its value and what is allowed
   */
  public void checkOverrides(HttpHeaders headers) {
    StreamOverrides.from(headers);
  }

  /**
   * The fault of a message or an upgrade: the upgrade request's {@code X-Mock-Fault}, else one
   * drawn from {@code mock.faults}. Not counted: {@link #plan} and {@link #faultInjected} count
   * what is injected.
   */
  public Fault draw(HttpHeaders upgradeHeaders) {
    Fault fault = StreamOverrides.from(upgradeHeaders).fault();
    if (fault != null) {
      return fault;
    }
    MockSettings settings = shared.settings();
    return settings.faultMix().isNone()
        ? Fault.NONE
        : settings.faultMix().pick(ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The plan of one message's answer with {@code fault}, from the settings and the upgrade
   * request's overrides (checked with {@link #checkOverrides}). Counts the fault.
   */
  public WsTurn plan(HttpHeaders upgradeHeaders, String requestId, Fault fault) {
    StreamOverrides overrides = StreamOverrides.from(upgradeHeaders);
    MockSettings settings = shared.settings();
    StreamPlan plan =
        new StreamPlan(
            requestId,
            fault,
            (overrides.timeToFirstFragment() != null
                    ? overrides.timeToFirstFragment()
                    : settings.timeToFirstFragment())
                .toNanos(),
            overrides.fragments() != null ? overrides.fragments() : settings.fragments(),
            (overrides.gap() != null ? overrides.gap() : settings.gap()).toNanos(),
            settings.jitter().toNanos(),
            -1,
            true,
            overrides.words(),
            overrides.finishReason(),
            -1);
    if (fault != Fault.NONE) {
      shared.counters().faultInjected(fault);
    }
    return WsTurn.of(plan);
  }

  /** A message's request id, or a generated one; a repeated id counts as a duplicate. */
  public String requestId(String given) {
    if (given == null || given.isBlank()) {
      return "mock-" + shared.nextSequence();
    }
    shared.counters().recordRequestId(given);
    return given;
  }

  /** Counts an upgrade request (and each chat message) under {@code stream_ws}. */
  public void requestReceived() {
    shared.counters().requestReceived(MockEndpoint.STREAM_WS);
  }

  /** Counts one answer of {@code account} under its client tag. */
  public void accountStreamed(String account, String requestId) {
    shared.counters().accountStreamed(account, requestId);
  }

  /** Counts something the mock rejected on its own (not an injected fault), and why. */
  public void badRequest(String why) {
    shared.counters().badRequest(why);
  }

  /** Counts an injected fault that was not drawn by {@link #plan} (a refused handshake). */
  public void faultInjected(Fault fault) {
    shared.counters().faultInjected(fault);
  }

  public void streamStarted() {
    shared.counters().streamStarted();
  }

  public void streamCompleted() {
    shared.counters().streamCompleted();
  }

  public void streamAbortedByClient() {
    shared.counters().streamAbortedByClient();
  }

  public void eventWritten() {
    shared.counters().eventWritten();
  }

  /**
   * A timed step of one answer, run by the mock's scheduler of the connection's event loop (one
   * timer per event loop, as the SSE streams use), not a Netty timer per frame.
   */
  public static final class Timer {
    private final StreamScheduler scheduler;
    private final StreamScheduler.Entry entry;

    private Timer(StreamScheduler scheduler, Runnable step) {
      this.scheduler = scheduler;
      this.entry = new StreamScheduler.Entry(step);
    }

    /** Runs the step at {@code dueNanos} ({@link System#nanoTime()}) or a little later. */
    public void at(long dueNanos) {
      scheduler.schedule(entry, dueNanos);
    }

    /** Forgets the step if it is scheduled. */
    public void cancel() {
      scheduler.cancel(entry);
    }
  }

  /** A timer for {@code step} on {@code loop}, the event loop of the step's connection. */
  public Timer timer(EventExecutor loop, Runnable step) {
    return new Timer(shared.scheduler(loop), step);
  }

  /** Records when each frame of one answer was due and written (nanoTime), for the benchmark. */
  public interface WriteLog {
    /** One frame: when it was due and when it was written. */
    void record(long dueNanos, long writtenNanos);
  }

  /** The write log of one answer when the mock records write times, else null. */
  public WriteLog writeLog(String requestId, int capacity) {
    WriteTimes times = shared.writeTimesOrNull();
    if (times == null) {
      return null;
    }
    WriteTimes.Recorder recorder = times.open(requestId, capacity);
    return recorder::record;
  }
}
