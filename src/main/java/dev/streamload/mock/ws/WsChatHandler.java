package dev.streamload.mock.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.mock.Fault;
import dev.streamload.mock.WsMockAccess;
import dev.streamload.mock.WsTurn;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Serves one upgraded WebSocket: an optional auth message, then one answer per chat message, in the
 * {@link WsShape} of the socket, with the fault the message's plan draws. Runs on the connection's
 * event loop; one answer at a time.
 */
final class WsChatHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

  /** Close code of a missing or rejected auth message. */
  static final int UNAUTHORIZED = 4401;

  /** Close code of {@code close_error} unless {@code X-Mock-Close-Code} sets one. */
  static final int DEFAULT_ERROR_CODE = 1011;

  /** How long a stalled or silent answer keeps the socket open before the mock closes it. */
  static final long HOLD_OPEN_NANOS = TimeUnit.MINUTES.toNanos(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WsMockAccess access;
  private final WsShape shape;
  private final WebSocketServerHandshaker handshaker;
  private final HttpHeaders upgradeHeaders;
  private final int errorCode;
  private String user;
  private ChannelHandlerContext ctx;

  private WsTurn turn;
  private int written;
  private long dueNanos;
  private String sid;
  private WsMockAccess.Timer step;
  private ScheduledFuture<?> hold;
  private boolean closing;
  private WsMockAccess.WriteLog log;

  WsChatHandler(
      WsMockAccess access,
      WsShape shape,
      WebSocketServerHandshaker handshaker,
      HttpHeaders upgradeHeaders,
      String user,
      int errorCode) {
    this.access = access;
    this.shape = shape;
    this.handshaker = handshaker;
    this.upgradeHeaders = upgradeHeaders;
    this.user = user;
    this.errorCode = errorCode;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.step = access.timer(ctx.executor(), this::step);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof CloseWebSocketFrame) {
      if (answering()) {
        access.streamAbortedByClient();
      }
      stopAnswer();
      closing = true;
      handshaker.close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
    } else if (frame instanceof PingWebSocketFrame) {
      ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
    } else if (frame instanceof TextWebSocketFrame && !closing) {
      onMessage(((TextWebSocketFrame) frame).text());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (answering() && !closing) {
      access.streamAbortedByClient();
    }
    stopAnswer();
    super.channelInactive(ctx);
  }

  private boolean answering() {
    return turn != null;
  }

  private void stopAnswer() {
    turn = null;
    step.cancel();
    if (hold != null) {
      hold.cancel(false);
      hold = null;
    }
  }

  private void onMessage(String text) {
    JsonNode message = parse(text);
    if (message == null) {
      access.badRequest("WebSocket message is not a JSON object");
      close(1007, "expected a JSON object");
      return;
    }
    if (user == null) {
      user =
          "auth".equals(message.path("type").asText())
              ? access.userForToken(message.path("token").asText(null)).orElse(null)
              : null;
      if (user == null) {
        close(UNAUTHORIZED, "unauthorized");
      }
      return;
    }
    if (answering()) {
      access.badRequest("a chat message arrived while an answer was running");
      return;
    }
    String requestId = access.requestId(requestIdOf(message));
    Fault fault = access.draw(upgradeHeaders);
    if (fault.isHttpStatus() || fault == Fault.WRONG_CONTENT_TYPE) {
      // Handshake faults only act on the upgrade request.
      fault = Fault.NONE;
    }
    access.requestReceived();
    if (fault == Fault.CONNECTION_RESET) {
      access.faultInjected(fault);
      ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
      ctx.close();
      return;
    }
    turn = access.plan(upgradeHeaders, requestId, fault);
    access.accountStreamed(user, requestId);
    access.streamStarted();
    written = 0;
    sid = "sid-" + requestId;
    log = access.writeLog(requestId, turn.fragments().size() + 2);
    dueNanos = System.nanoTime() + turn.ttftNanos();
    if (fault == Fault.FIRST_FRAGMENT_TIMEOUT) {
      hold();
    } else {
      schedule();
    }
  }

  /** The message's request id: {@code requestId}, else {@code header.uid} (Spark). */
  private static String requestIdOf(JsonNode message) {
    if (message.path("requestId").isTextual()) {
      return message.get("requestId").asText();
    }
    return message.path("header").path("uid").asText(null);
  }

  private void schedule() {
    step.at(dueNanos);
  }

  /**
   * Writes the next fragment, or the end of the answer, at its due time. A complete answer is
   * counted before the frame that ends it is written, as {@code SseStream} counts a stream before
   * its last chunk: a client that has read that frame finds it counted.
   */
  private void step() {
    if (turn == null || !ctx.channel().isActive()) {
      return;
    }
    int fragments = turn.fragments().size();
    if (written < fragments) {
      boolean complete = endsNormally(turn.fault());
      boolean last = shape.lastFragmentEnds() && complete && written == fragments - 1;
      if (last) {
        access.streamCompleted();
      }
      write(shape.fragment(sid, written, turn.fragments().get(written), last, fragments));
      written++;
      if (last) {
        endTurn();
        return;
      }
      if (written < fragments || !complete) {
        dueNanos += nextGap();
        schedule();
        return;
      }
    }
    finish();
  }

  private void finish() {
    switch (turn.fault()) {
      case STALL -> hold();
      case INTERRUPT -> {
        turn = null;
        ctx.close();
      }
      case CLOSE_ERROR -> {
        turn = null;
        close(errorCode, "mock close_error");
      }
      case NO_DONE -> {
        turn = null;
        close(1000, "");
      }
      case ERROR_EVENT -> {
        write(shape.error(sid, "mock error_event"));
        endTurn();
      }
      case MALFORMED_EVENT -> {
        write(shape.malformed());
        access.streamCompleted();
        write(shape.done(sid, written, written, turn.finishReason()));
        endTurn();
      }
      default -> {
        access.streamCompleted();
        write(shape.done(sid, written, written, turn.finishReason()));
        endTurn();
      }
    }
  }

  /** True for the faults whose answer ends as a normal one does. */
  private static boolean endsNormally(Fault fault) {
    return switch (fault) {
      case STALL, INTERRUPT, CLOSE_ERROR, NO_DONE, ERROR_EVENT, MALFORMED_EVENT -> false;
      default -> true;
    };
  }

  private void endTurn() {
    turn = null;
    if (shape.closesAfterAnswer()) {
      close(1000, "");
    }
  }

  private void hold() {
    hold =
        ctx.executor()
            .schedule(
                () -> {
                  hold = null;
                  turn = null;
                  ctx.close();
                },
                HOLD_OPEN_NANOS,
                TimeUnit.NANOSECONDS);
  }

  private long nextGap() {
    long jitter = turn.jitterNanos();
    if (jitter == 0) {
      return turn.gapNanos();
    }
    return Math.max(0, turn.gapNanos() + ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
  }

  private void write(String frame) {
    access.eventWritten();
    ctx.writeAndFlush(new TextWebSocketFrame(frame), ctx.voidPromise());
    if (log != null) {
      log.record(dueNanos, System.nanoTime());
    }
  }

  /** Sends a close frame with {@code code}, then closes the connection. */
  private void close(int code, String reason) {
    closing = true;
    ctx.writeAndFlush(new CloseWebSocketFrame(code, reason))
        .addListener(ChannelFutureListener.CLOSE);
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
