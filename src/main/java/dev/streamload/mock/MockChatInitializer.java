package dev.streamload.mock;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/** Builds each connection's pipeline: HTTP/1.1 codec, request aggregation, mock handler. */
final class MockChatInitializer extends ChannelInitializer<SocketChannel> {

  /** Largest accepted request body in bytes (1 MiB); larger requests get 413. */
  static final int MAX_REQUEST_BYTES = 1024 * 1024;

  private final MockChatServer.Shared shared;
  private final ChannelGroup channels;

  MockChatInitializer(MockChatServer.Shared shared, ChannelGroup channels) {
    this.shared = shared;
    this.channels = channels;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    channels.add(channel);
    channel
        .pipeline()
        .addLast("http", new HttpServerCodec())
        .addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
        .addLast("mock", new MockChatHandler(shared));
  }
}
