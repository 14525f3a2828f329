package dev.streamload.gatling;

import io.gatling.http.action.ws.fsm.WsCrashedState;
import io.gatling.http.action.ws.fsm.WsFsm;
import io.gatling.http.action.ws.fsm.WsIdleState;
import io.gatling.http.action.ws.fsm.WsPerformingCheckState;
import io.gatling.http.client.WebSocketListener;
import io.gatling.http.client.impl.WebSocketHandler;
import io.gatling.javaapi.core.Session;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import java.io.IOException;
import java.lang.reflect.Field;
import scala.Option;

/**
 * The one place that reaches into Gatling 3.16.0's WebSocket internals, for what the public DSL
 * cannot do: tell whether the session's socket is open or crashed and why, find its Netty channel
 * (to put a watch in its pipeline that sees close codes), and crash a pending check ourselves (a
 * stall, a missed first-fragment deadline) so that Gatling moves on at once.
 *
 * <p>Field names were read from the 3.16.0 bytecode; {@code WsInternalsTest} fails loudly if an
 * upgrade renames them. Every method tolerates a session without a socket.
 */
public final class WsInternals {

  private static final Field FSM_STATE =
      InternalFields.field(WsFsm.class, "currentState", WsInternals.class);
  private static final Field IDLE_SOCKET =
      InternalFields.field(WsIdleState.class, "webSocket", WsInternals.class);
  private static final Field CHECK_SOCKET =
      InternalFields.field(WsPerformingCheckState.class, "webSocket", WsInternals.class);
  private static final Field CRASH_MESSAGE =
      InternalFields.field(WsCrashedState.class, "errorMessage", WsInternals.class);
  private static final Field LISTENER_CHANNEL =
      InternalFields.field(WebSocketListener.class, "channel", WsInternals.class);

  private WsInternals() {}

  /** True when the socket named {@code wsName} is connected and no check is pending. */
  public static boolean isOpen(Session session, String wsName) {
    return state(session, wsName) instanceof WsIdleState;
  }

  /** True when the socket is in the session and crashed (closed by the server, cut, refused). */
  public static boolean isCrashed(Session session, String wsName) {
    return state(session, wsName) instanceof WsCrashedState;
  }

  /**
   * Gatling's crash message of a crashed socket ({@code "Invalid handshake response getStatus: 401
   * Unauthorized"}, a close reason, {@code "Premature close"}), "" for a socket the server closed
   * while no check was pending, null when not crashed.
   */
  public static String crashMessage(Session session, String wsName) {
    Object state = state(session, wsName);
    if (!(state instanceof WsCrashedState)) {
      return null;
    }
    Option<?> message = (Option<?>) InternalFields.get(CRASH_MESSAGE, state);
    return message.isDefined() ? String.valueOf(message.get()) : "";
  }

  /** The socket's channel while it is open (idle or checking), else null. */
  public static Channel channel(Session session, String wsName) {
    Object state = state(session, wsName);
    Object socket = null;
    if (state instanceof WsIdleState) {
      socket = InternalFields.get(IDLE_SOCKET, state);
    } else if (state instanceof WsPerformingCheckState) {
      socket = InternalFields.get(CHECK_SOCKET, state);
    }
    return socket instanceof WebSocketListener
        ? (Channel) InternalFields.get(LISTENER_CHANNEL, socket)
        : null;
  }

  /**
   * Puts {@code watch} into the channel's pipeline right before Gatling's WebSocket handler, so it
   * sees every frame (close frames with their code) and the channel's end before Gatling does. Once
   * per channel: a second call with the same name does nothing.
   */
  public static void watch(Channel channel, String name, ChannelHandler watch) {
    ChannelPipeline pipeline = channel.pipeline();
    if (pipeline.get(name) != null) {
      return;
    }
    ChannelHandlerContext gatling = pipeline.context(WebSocketHandler.class);
    if (gatling != null) {
      pipeline.addBefore(gatling.name(), name, watch);
    } else {
      pipeline.addLast(name, watch);
    }
  }

  /**
   * Crashes the socket with {@code reason}: a pending check fails at once with "WebSocket crashed
   * while waiting for check: reason" and the user moves on. Must run on the socket's event loop.
   */
  public static void crash(Session session, String wsName, String reason) {
    WsFsm fsm = fsm(session, wsName);
    if (fsm != null) {
      fsm.onWebSocketCrashed(new IOException(reason), System.currentTimeMillis());
    }
  }

  private static Object state(Session session, String wsName) {
    WsFsm fsm = fsm(session, wsName);
    return fsm == null ? null : InternalFields.get(FSM_STATE, fsm);
  }

  private static WsFsm fsm(Session session, String wsName) {
    return session.contains(wsName) ? session.get(wsName) : null;
  }
}
