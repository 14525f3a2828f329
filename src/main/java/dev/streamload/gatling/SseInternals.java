package dev.streamload.gatling;

import io.gatling.http.action.sse.SseListener;
import io.gatling.http.action.sse.fsm.SseCrashedState;
import io.gatling.http.action.sse.fsm.SseFsm;
import io.gatling.http.action.sse.fsm.SseStream;
import io.gatling.http.action.sse.fsm.SseStreamState;
import io.gatling.javaapi.core.Session;
import io.netty.channel.Channel;
import java.io.IOException;
import java.lang.reflect.Field;

/**
 * The one place that reaches into Gatling 3.16.0's SSE internals, to do what the public DSL cannot:
 * read why a stream crashed, and crash a stream ourselves (cut, stall, deadline) so that Gatling
 * fails the pending check at once instead of silently re-sending the request
 * (gatling/gatling#4634).
 *
 * <p>Field names were read from the 3.16.0 bytecode; {@code SseInternalsTest} fails loudly if an
 * upgrade renames them. Every method tolerates a session without a stream.
 */
public final class SseInternals {

  /** Session key under which Gatling keeps the state machine of the stream named {@code sse}. */
  public static final String SSE_KEY = "gatling.http.sse";

  private static final Field STREAM_STATE = field(SseStream.class, "state");
  private static final Field LISTENER_CHANNEL = field(SseListener.class, "channel");
  private static final Field FSM_STATE = field(SseFsm.class, "currentState");
  private static final Field CRASH_MESSAGE = field(SseCrashedState.class, "errorMessage");

  private SseInternals() {}

  /** Gatling's own crash message, e.g. "...SseInvalidStatusException: ... code 429", or null. */
  public static String crashMessage(Session session) {
    SseFsm fsm = fsm(session);
    if (fsm == null) {
      return null;
    }
    Object state = get(FSM_STATE, fsm);
    return state instanceof SseCrashedState ? (String) get(CRASH_MESSAGE, state) : null;
  }

  /** True when the stream in the session crashed (closing it again would log a second error). */
  public static boolean isCrashed(Session session) {
    SseFsm fsm = fsm(session);
    return fsm != null && get(FSM_STATE, fsm) instanceof SseCrashedState;
  }

  /** The connected channel of the session's stream, or null when not connected. */
  public static Channel channel(Session session) {
    SseFsm fsm = fsm(session);
    if (fsm == null) {
      return null;
    }
    Object state = get(STREAM_STATE, fsm.stream());
    if (state instanceof SseStreamState.Connected) {
      return (Channel) get(LISTENER_CHANNEL, ((SseStreamState.Connected) state).listener());
    }
    return null;
  }

  /**
   * Crashes the session's stream with {@code reason}: Gatling fails the pending check with "SSE
   * crashed while waiting for check: reason" and, because the stream is then closed, a later
   * premature close schedules no reconnect. Must run on the stream's event loop.
   */
  public static void crash(Session session, String reason) {
    SseFsm fsm = fsm(session);
    if (fsm != null) {
      SseStream stream = fsm.stream();
      stream.crash(new IOException(reason));
    }
  }

  private static SseFsm fsm(Session session) {
    return session.contains(SSE_KEY) ? session.get(SSE_KEY) : null;
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field f = type.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(
          "Gatling internals changed: "
              + type.getName()
              + "."
              + name
              + " is gone. dev.streamload.gatling.SseInternals is written for Gatling 3.16.0;"
              + " pin gatling.version to 3.16.0 in pom.xml or adapt this class.",
          e);
    }
  }

  private static Object get(Field field, Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + field, e);
    }
  }
}
