package dev.streamload.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConcurrentStreamsTest {

  private static final int STREAMS = 2_000;
  private static final int FRAGMENTS = 5;

  /** Longest wait for all connections, or all streams, on a loaded 2-core machine. */
  private static final Duration ALL_DONE_TIMEOUT = Duration.ofSeconds(60);

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void servesTwoThousandConcurrentStreamsToTheEndOnOneEventLoopThread() throws Exception {
    MockSettings settings =
        MockSettings.defaults()
            .withTimeToFirstFragment(Duration.ofMillis(50))
            .withFragments(FRAGMENTS)
            .withGap(Duration.ofMillis(10))
            .withEventLoopThreads(1);
    try (MockChatServer mock = MockChatServer.start(settings);
        NettyTestClient client = new NettyTestClient()) {
      MockApi.StreamRequest request = MockApi.defaultStreamRequest(mock);
      Poll.until(
          "the login connections are closed",
          Poll.GENEROUS,
          () -> mock.counters().openConnections() == 0);

      List<CompletableFuture<Channel>> connecting = new ArrayList<>();
      for (int i = 0; i < STREAMS; i++) {
        connecting.add(client.connect(mock.port()));
      }
      CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new))
          .get(ALL_DONE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Poll.until(
          "the mock holds every connection",
          ALL_DONE_TIMEOUT,
          () -> mock.counters().openConnections() == STREAMS);

      List<CompletableFuture<NettyTestClient.Result>> streams = new ArrayList<>();
      for (CompletableFuture<Channel> channel : connecting) {
        streams.add(
            client.post(channel.join(), "/api/chat/stream", request.headers(), request.body()));
      }
      CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new))
          .get(ALL_DONE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

      for (CompletableFuture<NettyTestClient.Result> stream : streams) {
        NettyTestClient.Result result = stream.join();
        assertEquals(200, result.status());
        assertEquals("text/event-stream", result.contentType());
        List<String> data = SseText.data(result.body());
        assertEquals(FRAGMENTS + 2, data.size(), result.body());
        assertEquals("[DONE]", data.get(FRAGMENTS + 1));
      }
      assertEquals(STREAMS, mock.counters().streamsStarted());
      assertEquals(STREAMS, mock.counters().streamsCompleted());
      assertEquals(0, mock.counters().streamsAbortedByClient());
      assertEquals((long) STREAMS * (FRAGMENTS + 2), mock.counters().eventsWritten());
      assertTrue(mock.counters().peakOpenConnections() >= STREAMS);

      for (CompletableFuture<Channel> channel : connecting) {
        channel.join().close();
      }
      Poll.until(
          "every connection is closed",
          ALL_DONE_TIMEOUT,
          () -> mock.counters().openConnections() == 0);
    }
  }
}
