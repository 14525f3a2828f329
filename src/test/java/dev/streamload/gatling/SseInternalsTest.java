package dev.streamload.gatling;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gatling.javaapi.core.Session;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/**
 * Fails loudly when a Gatling upgrade moves the internals this project relies on; the fix is in
 * {@link SseInternals}, {@link ReportRows} or pinning {@code gatling.version} back to 3.16.0.
 */
class SseInternalsTest {

  @Test
  void theSseInternalsThisProjectReadsStillExist() {
    // Loading the class resolves every reflected field; a rename throws
    // ExceptionInInitializerError.
    assertDoesNotThrow(() -> Class.forName(SseInternals.class.getName()));
  }

  @Test
  void theHttpEngineAndComponentsStillHaveTheConstructorsWatchedSseUses() {
    assertDoesNotThrow(
        () ->
            io.gatling.http.engine.HttpEngine.class.getConstructor(
                io.gatling.http.util.SslContextsFactory.class,
                io.gatling.http.client.HttpClient.class,
                io.netty.channel.EventLoopGroup.class,
                io.gatling.commons.util.Clock.class,
                io.gatling.core.config.GatlingConfiguration.class));
    assertDoesNotThrow(
        () ->
            io.gatling.http.protocol.HttpComponents.class.getConstructor(
                io.gatling.http.protocol.HttpProtocol.class,
                io.gatling.http.engine.HttpEngine.class,
                io.gatling.http.cache.HttpCaches.class,
                io.gatling.http.engine.tx.HttpTxExecutor.class,
                io.gatling.core.actor.ActorRef.class));
  }

  @Test
  void gatlingsSseListenerStillTakesItsChannelAtTheWriteAndItsCrashFromOnThrowable() {
    assertDoesNotThrow(
        () ->
            io.gatling.http.action.sse.SseListener.class.getMethod(
                "onWrite", io.netty.channel.Channel.class));
    assertDoesNotThrow(
        () ->
            io.gatling.http.action.sse.SseListener.class.getMethod("onThrowable", Throwable.class));
  }

  @Test
  void theStatsEngineStillLogsResponsesWithTheSignatureReportRowsUses() throws Exception {
    assertDoesNotThrow(
        () ->
            io.gatling.core.stats.StatsEngine.class.getMethod(
                "logResponse",
                String.class,
                scala.collection.immutable.List.class,
                String.class,
                long.class,
                long.class,
                io.gatling.commons.stats.Status.class,
                scala.Option.class,
                scala.Option.class));
  }

  @Test
  void aSessionWithoutAStreamHasNoCrash() {
    EmbeddedChannel channel = new EmbeddedChannel();
    Session session =
        new Session(
            io.gatling.core.session.Session$.MODULE$.apply("scenario", 1L, channel.eventLoop()));
    assertNull(SseInternals.crashMessage(session));
    assertFalse(SseInternals.isCrashed(session));
    channel.close();
  }
}
