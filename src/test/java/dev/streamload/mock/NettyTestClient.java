package dev.streamload.mock;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A non-blocking test client on one Netty event loop thread, able to hold thousands of connections
 * to 127.0.0.1 and read each response whole.
 */
final class NettyTestClient implements AutoCloseable {

  /**
   * One response read whole.
   *
   * @param status HTTP status
   * @param contentType the Content-Type header, or null
   * @param body the body decoded as UTF-8
   */
  record Result(int status, String contentType, String body) {}

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(
          1, new DefaultThreadFactory("test-client", true), NioIoHandler.newFactory());
  private final Bootstrap bootstrap =
      new Bootstrap()
          .group(group)
          .channel(NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .handler(
              new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                  channel
                      .pipeline()
                      .addLast(new HttpClientCodec())
                      .addLast(new HttpObjectAggregator(MockChatInitializer.MAX_REQUEST_BYTES))
                      .addLast(new ResponseHandler());
                }
              });

  /** Opens a connection to 127.0.0.1 on the port. */
  CompletableFuture<Channel> connect(int port) {
    CompletableFuture<Channel> connected = new CompletableFuture<>();
    ChannelFuture connecting = bootstrap.connect(InetAddress.getLoopbackAddress(), port);
    connecting.addListener(
        ignored -> {
          if (connecting.isSuccess()) {
            connected.complete(connecting.channel());
          } else {
            connected.completeExceptionally(connecting.cause());
          }
        });
    return connected;
  }

  /** POSTs a body on a connected channel and completes with the whole response. */
  CompletableFuture<Result> post(
      Channel channel, String path, Map<String, String> headers, String body) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.POST,
            path,
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
    request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, request.content().readableBytes());
    headers.forEach((name, value) -> request.headers().set(name, value));
    ResponseHandler handler = channel.pipeline().get(ResponseHandler.class);
    CompletableFuture<Result> result = new CompletableFuture<>();
    channel
        .eventLoop()
        .execute(
            () -> {
              handler.pending = result;
              channel.writeAndFlush(request);
            });
    return result;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }

  /** Completes the pending result of its channel. */
  private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    private CompletableFuture<Result> pending;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      if (pending != null) {
        pending.complete(
            new Result(
                response.status().code(),
                response.headers().get(HttpHeaderNames.CONTENT_TYPE),
                response.content().toString(StandardCharsets.UTF_8)));
        pending = null;
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (pending != null) {
        pending.completeExceptionally(new IOException("connection closed before the response"));
        pending = null;
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (pending != null) {
        pending.completeExceptionally(cause);
        pending = null;
      }
      ctx.close();
    }
  }
}
