package dev.streamload.mock;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One server-sent event stream on one connection, driven by its event loop's {@link
 * StreamScheduler}.
 *
 * <p>Event {@code i} is due at {@code start + ttft + gap_1 + ... + gap_i}, computed from the
 * schedule rather than from when the previous event was actually written, so timer lateness does
 * not accumulate. Each event is written and flushed on its own as one HTTP chunk, framed here and
 * written below the HTTP encoder (which only writes the headers and the last chunk). Every method
 * runs on the channel's event loop.
 */
final class SseStream {

  /** How long a stalled or silent stream is held open before the server closes it (5 minutes). */
  static final long HOLD_OPEN_NANOS = TimeUnit.MINUTES.toNanos(5);

  private static final byte[] HEX = MockText.utf8("0123456789abcdef");
  private static final short CRLF = ('\r' << 8) | '\n';

  /** Largest chunk framing around an event: 8 hex digits, CRLF, CRLF. */
  private static final int MAX_FRAMING_BYTES = 12;

  private final ChannelHandlerContext ctx;
  private final ChannelHandlerContext belowEncoder;
  private final StreamScheduler scheduler;
  private final StreamScheduler.Entry nextEvent = new StreamScheduler.Entry(this::tick);
  private final StreamPlan plan;
  private final SseDialect dialect;
  private final MockCounters counters;
  private final WriteTimes.Recorder recorder;
  private final Runnable onEnd;
  private final int textFragments;

  private Future<?> holdTimer;
  private Future<?> pingTimer;
  private long nextDueNanos;
  private int written;
  private boolean retryPending;
  private boolean ended;

  /**
   * Prepares a stream; nothing is written until {@link #start()}.
   *
   * @param ctx the context of a handler behind an {@link HttpServerCodec}
   * @param scheduler the scheduler of the channel's event loop
   * @param writeTimes where to record event write times, or null to skip recording
   * @param onEnd called once when the response has ended and the connection may serve again
   */
  SseStream(
      ChannelHandlerContext ctx,
      StreamScheduler scheduler,
      StreamPlan plan,
      SseDialect dialect,
      MockCounters counters,
      WriteTimes writeTimes,
      Runnable onEnd) {
    this.ctx = ctx;
    this.belowEncoder = ctx.pipeline().context(HttpServerCodec.class);
    if (belowEncoder == null) {
      throw new IllegalStateException("the pipeline has no HttpServerCodec in front of the stream");
    }
    this.scheduler = scheduler;
    this.plan = plan;
    this.dialect = dialect;
    this.counters = counters;
    this.onEnd = onEnd;
    this.textFragments = plan.textFragments();
    this.retryPending = plan.retryMillis() >= 0;
    // openings + text + closings + end, or the error/malformed events: an upper bound.
    int capacity =
        dialect.openingCount()
            + textFragments
            + Math.max(dialect.closingCount(), dialect.errorCount())
            + 2;
    this.recorder = writeTimes == null ? null : writeTimes.open(plan.requestId(), capacity);
  }

  /** Writes the headers and any opening events, then schedules the first fragment. */
  void start() {
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
        .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
        .set(MockChatHandler.REQUEST_ID_HEADER, plan.requestId());
    if (!plan.keepAlive()) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    counters.streamStarted();
    ctx.writeAndFlush(response, ctx.voidPromise());
    long start = System.nanoTime();
    for (int i = 0; i < dialect.openingCount(); i++) {
      writeEvent(dialect.opening(ctx.alloc(), i), start);
    }
    nextDueNanos = start + plan.ttftNanos();
    long pingNanos = plan.pingNanos() >= 0 ? plan.pingNanos() : dialect.pingIntervalNanos();
    if (pingNanos > 0) {
      pingTimer =
          ctx.executor()
              .scheduleAtFixedRate(this::ping, pingNanos, pingNanos, TimeUnit.NANOSECONDS);
    }
    if (plan.fault() == Fault.FIRST_FRAGMENT_TIMEOUT) {
      holdOpen();
    } else {
      schedule();
    }
  }

  /** Whether the response has ended or the stream was cancelled. */
  boolean ended() {
    return ended;
  }

  /** Stops the stream because the connection closed; counts it as aborted if it had not ended. */
  void connectionClosed() {
    scheduler.cancel(nextEvent);
    stopPings();
    if (holdTimer != null) {
      holdTimer.cancel(false);
      holdTimer = null;
    }
    if (!ended) {
      ended = true;
      counters.streamAbortedByClient();
    }
  }

  /** Writes a keep-alive event between the others, also while a stalled stream is held open. */
  private void ping() {
    ByteBuf ping = ended ? null : dialect.ping(ctx.alloc());
    if (ping == null) {
      stopPings();
      return;
    }
    // Not recorded in the write times: a ping is not one of the plan's scheduled events.
    writeChunk(ping);
  }

  private void stopPings() {
    if (pingTimer != null) {
      pingTimer.cancel(false);
      pingTimer = null;
    }
  }

  private void schedule() {
    scheduler.schedule(nextEvent, nextDueNanos);
  }

  private void tick() {
    if (ended) {
      return;
    }
    long due = nextDueNanos;
    if (written < textFragments) {
      String custom = plan.customFragment(written);
      writeEvent(
          custom == null
              ? dialect.fragment(ctx.alloc(), written)
              : dialect.text(ctx.alloc(), custom),
          due);
      written++;
      boolean endsAfterAGap =
          plan.fault() == Fault.INTERRUPT
              || plan.fault() == Fault.CLOSE_ERROR
              || plan.fault() == Fault.ERROR_EVENT
              || plan.fault() == Fault.MALFORMED_EVENT;
      if (written < textFragments || endsAfterAGap) {
        nextDueNanos += nextGapNanos();
        schedule();
        return;
      }
    }
    finishAnswer(due);
  }

  private void finishAnswer(long due) {
    switch (plan.fault()) {
      case STALL -> holdOpen();
      case INTERRUPT, CLOSE_ERROR -> closeByServer();
      case NO_DONE -> {
        // Without closings and end marker; for a dialect that has neither (plain text), these are
        // the bytes of a complete answer, so it is counted as one.
        endResponse(!dialect.hasEndMarker() && dialect.closingCount() == 0);
      }
      case ERROR_EVENT -> {
        for (int i = 0; i < dialect.errorCount(); i++) {
          writeEvent(dialect.error(ctx.alloc(), i), due);
        }
        endResponse(false);
      }
      case MALFORMED_EVENT -> {
        writeEvent(dialect.malformed(ctx.alloc()), due);
        writeEnd(due);
        endResponse(true);
      }
      default -> {
        for (int i = 0; i < dialect.closingCount(); i++) {
          writeEvent(dialect.closing(ctx.alloc(), i, written, plan.finishReasonSent()), due);
        }
        writeEnd(due);
        endResponse(true);
      }
    }
  }

  /** Writes the dialect's end marker, if it has one. */
  private void writeEnd(long due) {
    ByteBuf end = dialect.end(ctx.alloc(), written, plan.finishReasonSent());
    if (end != null) {
      writeEvent(end, due);
    }
  }

  private long nextGapNanos() {
    long jitter = plan.jitterNanos();
    if (jitter == 0) {
      return plan.gapNanos();
    }
    long offset = ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
    return Math.max(0, plan.gapNanos() + offset);
  }

  /** Writes and flushes one event as one HTTP chunk; takes ownership of {@code event}. */
  private void writeEvent(ByteBuf event, long dueNanos) {
    writeChunk(event);
    long writtenNanos = System.nanoTime();
    if (recorder != null) {
      recorder.record(dueNanos, writtenNanos);
    }
  }

  private void writeChunk(ByteBuf event) {
    byte[] retry = null;
    if (retryPending) {
      retryPending = false;
      retry = MockText.utf8("retry: " + plan.retryMillis() + "\n");
    }
    int size = event.readableBytes() + (retry == null ? 0 : retry.length);
    ByteBuf chunk = ctx.alloc().directBuffer(size + MAX_FRAMING_BYTES);
    writeHex(chunk, size);
    chunk.writeShort(CRLF);
    if (retry != null) {
      chunk.writeBytes(retry);
    }
    chunk.writeBytes(event, event.readerIndex(), event.readableBytes());
    event.release();
    chunk.writeShort(CRLF);
    counters.eventWritten();
    belowEncoder.writeAndFlush(chunk, belowEncoder.voidPromise());
  }

  private static void writeHex(ByteBuf out, int value) {
    int digits = Math.max(1, (35 - Integer.numberOfLeadingZeros(value)) / 4);
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
      out.writeByte(HEX[(value >>> shift) & 0xf]);
    }
  }

  private void endResponse(boolean complete) {
    ended = true;
    stopPings();
    if (complete) {
      counters.streamCompleted();
    }
    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, ctx.voidPromise());
    if (plan.keepAlive()) {
      onEnd.run();
    } else {
      ctx.close();
    }
  }

  private void holdOpen() {
    holdTimer = ctx.executor().schedule(this::closeByServer, HOLD_OPEN_NANOS, TimeUnit.NANOSECONDS);
  }

  private void closeByServer() {
    holdTimer = null;
    stopPings();
    if (!ended) {
      ended = true;
      ctx.close();
    }
  }
}
