package dev.streamload.mock;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An embedded, non-blocking mock of a streaming AI chat API (login, conversations, a default SSE
 * dialect, OpenAI chat completions and the wire formats of the presets' APIs) with fault injection
 * and ground-truth counters.
 *
 * <pre>{@code
 * try (MockChatServer mock = MockChatServer.start(MockSettings.defaults())) {
 *   String url = mock.baseUrl(); // e.g. http://127.0.0.1:54321
 * }
 * }</pre>
 */
public final class MockChatServer implements AutoCloseable {

  /** Pending connections the kernel may queue while the acceptor is busy. */
  private static final int ACCEPT_BACKLOG = 8192;

  /** Longest wait for the event loops to stop on close, in seconds. */
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

  private final Shared shared;
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final ChannelGroup channels;
  private final Channel serverChannel;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MockChatServer(
      Shared shared,
      EventLoopGroup bossGroup,
      EventLoopGroup workerGroup,
      ChannelGroup channels,
      Channel serverChannel) {
    this.shared = shared;
    this.bossGroup = bossGroup;
    this.workerGroup = workerGroup;
    this.channels = channels;
    this.serverChannel = serverChannel;
  }

  /**
   * Binds {@code settings.host()}:{@code settings.port()} (0 for a free port) and starts serving.
   *
   * @throws IllegalStateException when the address cannot be bound
   */
  public static MockChatServer start(MockSettings settings) {
    Shared shared = new Shared(settings);
    // Native epoll costs fewer system calls and less garbage per write than NIO; NIO elsewhere.
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> serverChannelClass =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    EventLoopGroup boss =
        new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mock-accept", true), io);
    EventLoopGroup workers =
        new MultiThreadIoEventLoopGroup(
            settings.eventLoopThreads(), new DefaultThreadFactory("mock-io", true), io);
    ChannelGroup channels = new DefaultChannelGroup("mock-chat", GlobalEventExecutor.INSTANCE);
    try {
      Channel serverChannel =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(serverChannelClass)
              .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(new MockChatInitializer(shared, channels))
              .bind(settings.host(), settings.port())
              .sync()
              .channel();
      channels.add(serverChannel);
      return new MockChatServer(shared, boss, workers, channels, serverChannel);
    } catch (Exception e) {
      boss.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException(
          "mock cannot bind " + settings.host() + ":" + settings.port() + ": " + e, e);
    }
  }

  /** The bound TCP port (the free port chosen when the settings said 0). */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** The base URL of the API, e.g. {@code http://127.0.0.1:54321}, without a trailing slash. */
  public String baseUrl() {
    String host = shared.settings().host();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  /** The live counters of this server. */
  public MockCounters counters() {
    return shared.counters();
  }

  /** The settings this server was started with. */
  public MockSettings settings() {
    return shared.settings();
  }

  /**
   * Event write times per request id.
   *
   * @throws IllegalStateException when the settings did not enable {@code recordWriteTimes}
   */
  public WriteTimes writeTimes() {
    WriteTimes writeTimes = shared.writeTimesOrNull();
    if (writeTimes == null) {
      throw new IllegalStateException(
          "write times are not recorded: start the mock with recordWriteTimes on,"
              + " e.g. settings.withRecordWriteTimes(true)");
    }
    return writeTimes;
  }

  /** Closes every connection and the listening socket and stops the event loops; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    channels.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    workerGroup
        .shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    bossGroup
        .shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "MockChatServer[" + (closed.get() ? "closed" : baseUrl()) + "]";
  }

  /** State shared by every connection of one server. */
  static final class Shared {
    private final MockSettings settings;
    private final MockCounters counters = new MockCounters();
    private final AuthStore auth;
    private final WriteTimes writeTimes;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<EventExecutor, StreamScheduler> schedulers = new ConcurrentHashMap<>();

    Shared(MockSettings settings) {
      this.settings = settings;
      this.auth = new AuthStore(settings.accounts(), settings.apiKey());
      this.writeTimes = settings.recordWriteTimes() ? new WriteTimes() : null;
    }

    MockSettings settings() {
      return settings;
    }

    MockCounters counters() {
      return counters;
    }

    AuthStore auth() {
      return auth;
    }

    WriteTimes writeTimesOrNull() {
      return writeTimes;
    }

    /** The stream scheduler of one event loop, created on first use. */
    StreamScheduler scheduler(EventExecutor loop) {
      return schedulers.computeIfAbsent(loop, StreamScheduler::new);
    }

    long nextSequence() {
      return sequence.incrementAndGet();
    }

    /** Counters, and a write-time summary when recording, for {@code GET /admin/stats}. */
    Map<String, Object> stats() {
      Map<String, Object> stats = new LinkedHashMap<>(counters.snapshot());
      if (writeTimes != null) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("streams", writeTimes.streamCount());
        summary.put("events", writeTimes.eventCount());
        summary.put(
            "maxLatenessMicros", TimeUnit.NANOSECONDS.toMicros(writeTimes.maxLatenessNanos()));
        stats.put("writeTimes", summary);
      }
      return stats;
    }

    /** Zeroes the counters and forgets recorded write times, for {@code POST /admin/reset}. */
    void reset() {
      counters.reset();
      if (writeTimes != null) {
        writeTimes.clear();
      }
    }
  }
}
