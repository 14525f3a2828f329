package dev.streamload.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/**
 * Sits in one socket's Netty pipeline in front of Gatling's WebSocket handler and notes what
 * Gatling does not keep: the code and reason of the server's close frame, and whether the
 * connection ended without one (the abnormal close a client reports as 1006). It passes every frame
 * on untouched. One per socket, read on its event loop.
 */
public final class SocketWatch extends ChannelInboundHandlerAdapter {

  /** Name of the handler in the pipeline. */
  public static final String NAME = "streamload-ws-watch";

  private int closeCode = -1;
  private String closeReason;
  private boolean ended;

  /** The watch of {@code channel}, or null when none is installed. */
  public static SocketWatch of(Channel channel) {
    return channel == null ? null : (SocketWatch) channel.pipeline().get(NAME);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof CloseWebSocketFrame && closeCode < 0) {
      CloseWebSocketFrame close = (CloseWebSocketFrame) msg;
      closeCode = close.statusCode();
      closeReason = close.reasonText();
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ended = true;
    ctx.fireChannelInactive();
  }

  /** The server's close code (1005 when its close frame had none), or -1 when none came. */
  public int closeCode() {
    return closeCode;
  }

  /** The reason of the server's close frame, or null. */
  public String closeReason() {
    return closeReason;
  }

  /** True once the connection has ended (with or without a close frame). */
  public boolean ended() {
    return ended;
  }
}
