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
  void theStreamCrashMethodStillTakesAThrowable() {
    assertDoesNotThrow(
        () -> io.gatling.http.action.sse.fsm.SseStream.class.getMethod("crash", Throwable.class));
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
  void aSessionWithoutAStreamHasNoCrashAndNoChannel() {
    EmbeddedChannel channel = new EmbeddedChannel();
    Session session =
        new Session(
            io.gatling.core.session.Session$.MODULE$.apply("scenario", 1L, channel.eventLoop()));
    assertNull(SseInternals.crashMessage(session));
    assertFalse(SseInternals.isCrashed(session));
    assertNull(SseInternals.channel(session));
    channel.close();
  }
}
