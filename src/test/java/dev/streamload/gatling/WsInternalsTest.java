package dev.streamload.gatling;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gatling.javaapi.core.Session;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/**
 * Fails loudly when a Gatling upgrade moves the WebSocket internals this project relies on; the fix
 * is in {@link WsInternals} or pinning {@code gatling.version} back to 3.16.0.
 */
class WsInternalsTest {

  @Test
  void theWebSocketInternalsThisProjectReadsStillExist() {
    // Loading the class resolves every reflected field; a rename throws
    // ExceptionInInitializerError.
    assertDoesNotThrow(() -> Class.forName(WsInternals.class.getName()));
  }

  @Test
  void theStateMachineCanStillBeCrashedWithAThrowable() {
    assertDoesNotThrow(
        () ->
            io.gatling.http.action.ws.fsm.WsFsm.class.getMethod(
                "onWebSocketCrashed", Throwable.class, long.class));
  }

  @Test
  void aSessionWithoutASocketIsNeitherOpenNorCrashedAndHasNoChannel() {
    EmbeddedChannel channel = new EmbeddedChannel();
    Session session =
        new Session(
            io.gatling.core.session.Session$.MODULE$.apply("scenario", 1L, channel.eventLoop()));
    assertFalse(WsInternals.isOpen(session, "ws"));
    assertFalse(WsInternals.isCrashed(session, "ws"));
    assertNull(WsInternals.crashMessage(session, "ws"));
    assertNull(WsInternals.channel(session, "ws"));
    assertDoesNotThrow(() -> WsInternals.crash(session, "ws", "nothing to crash"));
    channel.close();
  }

  @Test
  void aWatchGoesIntoThePipelineOncePerChannel() {
    EmbeddedChannel channel = new EmbeddedChannel();
    ChannelInboundHandlerAdapter first = new ChannelInboundHandlerAdapter();
    WsInternals.watch(channel, "watch", first);
    WsInternals.watch(channel, "watch", new ChannelInboundHandlerAdapter());
    assertEquals(first, channel.pipeline().get("watch"));
    channel.close();
  }
}
