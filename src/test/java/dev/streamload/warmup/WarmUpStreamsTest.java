package dev.streamload.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.config.RunConfig;
import dev.streamload.config.Settings;
import dev.streamload.gatling.LiveStream;
import dev.streamload.run.StreamloadRun;
import dev.streamload.stream.ContentChecks;
import io.gatling.javaapi.core.Session;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The warm-up's streams: timed as the load's are, so that its compiled code is the load's. */
class WarmUpStreamsTest {

  private final EmbeddedChannel channel = new EmbeddedChannel();

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
  }

  private Session session() {
    return new Session(
        io.gatling.core.session.Session$.MODULE$.apply("warm-up", 3L, channel.eventLoop()));
  }

  @Test
  void everyWarmUpStreamIsTimedByTheClockOfTheLoadsStreams() throws Exception {
    try (WarmUpStreams streams =
        new WarmUpStreams(RunConfig.read(new Settings(Map.of(), Map.of()), ContentChecks.none()))) {
      Session first = streams.beginStream(session());
      Session second = streams.beginStream(session());
      LiveStream live = (LiveStream) first.get(LiveStream.KEY);
      assertTrue(
          live.onSystemClock(),
          "a clock of its own would make the JIT throw away the event path at the load's start");
      assertTrue(((LiveStream) second.get(LiveStream.KEY)).onSystemClock());
      assertEquals("warm-up-1", first.getString(StreamloadRun.REQUEST_ID));
      assertEquals("warm-up-2", second.getString(StreamloadRun.REQUEST_ID));
    }
  }

  @Test
  void aStreamGivenAnotherClockSaysSo() {
    LiveStream own =
        new LiveStream(
            "r",
            "1",
            0,
            0,
            RunConfig.read(new Settings(Map.of(), Map.of()), ContentChecks.none()).stream()
                .limits(),
            null,
            false,
            System::nanoTime);
    assertFalse(own.onSystemClock());
  }
}
