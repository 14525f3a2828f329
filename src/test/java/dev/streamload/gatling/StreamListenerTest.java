package dev.streamload.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.stream.EventParser;
import dev.streamload.stream.FailureClass;
import dev.streamload.stream.StreamDialect;
import dev.streamload.stream.StreamLimits;
import dev.streamload.stream.StreamResult;
import dev.streamload.stream.Termination;
import io.gatling.http.client.HttpListener;
import io.gatling.http.client.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The listener between Gatling's HTTP client and its SSE listener, on an {@link EmbeddedChannel}
 * with a frozen clock: what the stream learns from the connection, and what Gatling still gets.
 */
class StreamListenerTest {

  static final long MS = 1_000_000;
  static final StreamLimits LIMITS =
      new StreamLimits(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10));

  EmbeddedChannel channel;
  long now;
  List<String> gatling;
  LiveStream live;
  StreamListener listener;
  OpenConnections connections;

  /** Gatling's SSE listener, reduced to a log of what it was told. */
  final class Recording implements HttpListener {
    @Override
    public void onWrite(Channel c) {
      gatling.add("write");
    }

    @Override
    public void onFinalClientRequest(Request request) {}

    @Override
    public void onHttpResponse(HttpResponseStatus status, HttpHeaders headers) {
      gatling.add("headers " + status.code());
    }

    @Override
    public void onHttpResponseBodyChunk(ByteBuf chunk, boolean last) {
      gatling.add("chunk " + chunk.toString(StandardCharsets.UTF_8) + (last ? " last" : ""));
    }

    @Override
    public void onThrowable(Throwable throwable) {
      gatling.add("crash " + throwable.getMessage());
    }
  }

  @BeforeEach
  void start() {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    now = 1_000 * MS;
    gatling = new ArrayList<>();
    connections = new OpenConnections();
    live =
        new LiveStream(
            "r1",
            "1",
            0,
            now,
            LIMITS,
            new EventParser(StreamDialect.projectDefault()),
            true,
            () -> now);
    listener = new StreamListener(new Recording(), live, connections);
    assertTrue(live.onSend(now));
    listener.onWrite(channel);
  }

  @AfterEach
  void stop() {
    channel.finishAndReleaseAll();
  }

  private void advance(long nanos) {
    now += nanos;
    channel.advanceTimeBy(nanos, TimeUnit.NANOSECONDS);
    channel.runPendingTasks();
    channel.runScheduledPendingTasks();
  }

  private static HttpHeaders type(String contentType) {
    return new DefaultHttpHeaders().set(HttpHeaderNames.CONTENT_TYPE, contentType);
  }

  private static ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  private StreamResult finishWith(String crashMessage) {
    return live.finish(
        now, StreamEnd.of(true, crashMessage, true, live.markerSeen(), live.textSeen()));
  }

  @Test
  void theWriteReachesGatlingArmsTheWatchAndCountsTheConnectionOnce() {
    assertEquals(List.of("write"), gatling);
    assertTrue(live.watching());
    assertEquals(1, connections.now().size());
    listener.onWrite(channel);
    assertEquals(1, connections.now().size(), "a connection is counted once");
    channel.close();
    assertEquals(0, connections.now().size(), "a closed connection is no longer open");
  }

  @Test
  void theHeadersOfAStreamAreTimedAndPassedOnAtOnce() {
    advance(40 * MS);
    listener.onHttpResponse(HttpResponseStatus.OK, type("text/event-stream"));
    assertEquals(List.of("write", "headers 200"), gatling);

    advance(60 * MS);
    listener.onHttpResponseBodyChunk(text("data: hi\n\n"), false);
    live.onEvent(live.receiveNanos(), "{\"data\":{\"delta\":\"hi\"}}", true);
    live.onEvent(live.receiveNanos(), "{\"data\":[DONE]}", false);

    StreamResult result = finishWith(null);
    assertEquals(Optional.empty(), result.failure());
    assertEquals(40 * MS, result.timeToHeadersNanos());
    assertEquals(100 * MS, result.ttftNanos());
  }

  @Test
  void eventsAreTimedAtTheArrivalOfTheirChunkNotWhenTheHookRuns() {
    listener.onHttpResponse(HttpResponseStatus.OK, type("text/event-stream"));
    advance(100 * MS);
    listener.onHttpResponseBodyChunk(text("data: a\n\ndata: b\n\n"), false);
    long arrived = now;
    now += 3 * MS; // Gatling decodes and runs the checks after the chunk arrived
    assertEquals(arrived, live.receiveNanos());
  }

  @Test
  void theBodyOfARejectedResponseIsReadBeforeGatlingSeesTheStatusAndEndsUpInTheDetail() {
    listener.onHttpResponse(HttpResponseStatus.BAD_REQUEST, type("application/json"));
    assertEquals(List.of("write"), gatling, "Gatling would close the connection at once");
    listener.onHttpResponseBodyChunk(text("{\"error\": \"conversationId\n required\"}"), true);
    assertEquals(List.of("write", "headers 400"), gatling);
    channel.close();
    channel.runPendingTasks();

    StreamResult result =
        finishWith(
            "i.g.h.a.s.SseInvalidStatusException: Server returned http response with code 400");
    assertEquals(Optional.of(FailureClass.HTTP_4XX), result.failure());
    assertEquals("status 400: {\"error\": \"conversationId required\"}", result.detail());
    assertEquals(Termination.HTTP_STATUS, result.termination());
  }

  @Test
  void aLongErrorBodyIsCutAndGatlingGetsTheStatusOnceEnoughArrived() {
    listener.onHttpResponse(HttpResponseStatus.TOO_MANY_REQUESTS, type("text/plain"));
    listener.onHttpResponseBodyChunk(text("x".repeat(ErrorBody.MAX_BYTES + 10)), false);
    assertEquals(List.of("write", "headers 429"), gatling, "no need to wait for the end");
    listener.onHttpResponseBodyChunk(text("more"), true);
    assertEquals("chunk more last", gatling.get(2), "later chunks go to Gatling as before");

    StreamResult result =
        finishWith(
            "i.g.h.a.s.SseInvalidStatusException: Server returned http response with code 429");
    assertEquals("status 429: " + "x".repeat(ErrorBody.MAX_CHARS) + "...", result.detail());
  }

  @Test
  void aRejectedResponseWhoseBodyNeverEndsIsPassedOnAfterTheWait() {
    listener.onHttpResponse(HttpResponseStatus.INTERNAL_SERVER_ERROR, type("application/json"));
    listener.onHttpResponseBodyChunk(text("{\"error\":"), false);
    advance(StreamListener.ERROR_BODY_WAIT_MILLIS * MS - MS);
    assertEquals(List.of("write"), gatling);
    advance(MS);
    assertEquals(List.of("write", "headers 500"), gatling);
  }

  @Test
  void aConnectionBrokenWhileTheErrorBodyIsReadPassesOnTheStatusFirst() {
    listener.onHttpResponse(HttpResponseStatus.SERVICE_UNAVAILABLE, type("text/html"));
    listener.onThrowable(new RuntimeException("reset"));
    assertEquals(List.of("write", "headers 503", "crash reset"), gatling);
  }

  @Test
  void aCloseAfterRejectedHeadersIsNotACut() {
    listener.onHttpResponse(HttpResponseStatus.UNAUTHORIZED, type("application/json"));
    listener.onHttpResponseBodyChunk(text("{}"), true);
    channel.close();
    channel.runPendingTasks();
    assertFalse(gatling.stream().anyMatch(g -> g.startsWith("crash")), gatling.toString());
  }

  @Test
  void aCutBeforeTheHeadersCrashesTheStreamAtOnceAsInterrupted() {
    advance(30 * MS);
    channel.close();
    channel.runPendingTasks();

    assertEquals(
        "crash connection closed by the server before the response headers", gatling.get(1));
    StreamResult result = finishWith("SSE crashed: connection closed");
    assertEquals(Optional.of(FailureClass.INTERRUPTED), result.failure());
    assertEquals(Termination.CONNECTION_CUT, result.termination());
  }

  @Test
  void aCutAfterTheHeadersButBeforeAnyEventCrashesTheStreamAtOnce() {
    listener.onHttpResponse(HttpResponseStatus.OK, type("text/event-stream"));
    advance(50 * MS);
    channel.close();
    channel.runPendingTasks();

    assertEquals("crash connection closed by the server before the end marker", gatling.get(2));
    StreamResult result = finishWith(null);
    assertEquals(Optional.of(FailureClass.INTERRUPTED), result.failure());
    assertEquals(0, result.timeToHeadersNanos(), "headers came right after the send");
  }

  /**
   * Gatling closes the connection itself after the last chunk of a response and only then hands
   * that chunk over, in the same event-loop task. On a real event loop (an EmbeddedChannel runs
   * queued tasks inside close()), that close is not taken for a cut.
   */
  @Test
  void aCloseRightBeforeTheLastChunkIsHandedOverIsTheResponsesEndNotACut() throws Exception {
    io.netty.channel.DefaultEventLoopGroup group = new io.netty.channel.DefaultEventLoopGroup(1);
    io.netty.channel.local.LocalAddress address =
        new io.netty.channel.local.LocalAddress("stream-listener-test");
    try {
      new io.netty.bootstrap.ServerBootstrap()
          .group(group)
          .channel(io.netty.channel.local.LocalServerChannel.class)
          .childHandler(new io.netty.channel.ChannelInboundHandlerAdapter())
          .bind(address)
          .sync();
      Channel client =
          new io.netty.bootstrap.Bootstrap()
              .group(group)
              .channel(io.netty.channel.local.LocalChannel.class)
              .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
              .connect(address)
              .sync()
              .channel();
      List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
      LiveStream stream =
          new LiveStream(
              "r2",
              "1",
              0,
              System.nanoTime(),
              LIMITS,
              new EventParser(StreamDialect.projectDefault()),
              false,
              System::nanoTime);
      StreamListener onLoop =
          new StreamListener(
              new HttpListener() {
                @Override
                public void onFinalClientRequest(Request request) {}

                @Override
                public void onHttpResponse(HttpResponseStatus status, HttpHeaders headers) {}

                @Override
                public void onHttpResponseBodyChunk(ByteBuf chunk, boolean last) {
                  seen.add("last chunk");
                }

                @Override
                public void onThrowable(Throwable throwable) {
                  seen.add("crash " + throwable.getMessage());
                }
              },
              stream,
              new OpenConnections());
      client
          .eventLoop()
          .submit(
              () -> {
                stream.onSend(System.nanoTime());
                onLoop.onWrite(client);
                onLoop.onHttpResponse(HttpResponseStatus.OK, type("text/event-stream"));
                client.close();
                onLoop.onHttpResponseBodyChunk(Unpooled.EMPTY_BUFFER, true);
              })
          .sync();
      client.closeFuture().sync();
      // Whatever the close queued has run once this task, queued after it, has.
      client.eventLoop().submit(() -> {}).sync();
      assertEquals(List.of("last chunk"), seen);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
