package dev.streamload.mock;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the mock's own cost per event (not a test): starts the mock in this JVM with write-time
 * recording, opens N OpenAI-dialect streams from a bytes-only Netty client in a second JVM (the
 * file descriptor limit of one process does not fit 10,000 connections on both ends), and prints,
 * over a steady window, events/s written, CPU seconds of the {@code mock-*} threads, events per CPU
 * second and lateness (write time minus scheduled time) p50/p99/max.
 *
 * <p>Usage: {@code java -cp <test classpath> dev.streamload.mock.MockThroughputBenchmark
 * streams=2000 gapMs=50 warmupS=5 measureS=20 runs=3 threads=1}. Each stream's first fragment is
 * spread uniformly over one gap so the events of all streams are evenly spaced. Every run lasts at
 * most {@link #RUN_BUDGET} and talks only to 127.0.0.1.
 */
public final class MockThroughputBenchmark {

  /** Longest duration of one run, ramp-up included; streams are long enough to outlive it. */
  static final Duration RUN_BUDGET = Duration.ofSeconds(60);

  /** Connections the client opens before waiting for them to complete. */
  private static final int CONNECT_BATCH = 250;

  /** Longest wait for the client JVM to report its streams started, in seconds. */
  private static final long READY_TIMEOUT_SECONDS = 30;

  private MockThroughputBenchmark() {}

  /**
   * One run's figures over the measurement window.
   *
   * @param eventsPerSecond events written per second of wall time
   * @param mockCpuSeconds CPU seconds used by the mock's event loop and acceptor threads
   * @param processCpuSeconds CPU seconds used by the whole mock JVM (GC and JIT included)
   * @param p50Micros median lateness in microseconds
   * @param p99Micros 99th percentile lateness in microseconds
   * @param maxMicros largest lateness in microseconds
   */
  record Result(
      double eventsPerSecond,
      double mockCpuSeconds,
      double processCpuSeconds,
      double windowSeconds,
      long p50Micros,
      long p99Micros,
      long maxMicros) {

    double eventsPerCpuSecond() {
      return eventsPerSecond * windowSeconds / mockCpuSeconds;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "events/s %8.0f  mock-cpu %6.2f s (%3.0f%% of a core)  jvm-cpu %6.2f s"
              + "  events/cpu-s %8.0f  lateness us p50 %6d p99 %7d max %8d",
          eventsPerSecond,
          mockCpuSeconds,
          100 * mockCpuSeconds / windowSeconds,
          processCpuSeconds,
          eventsPerCpuSecond(),
          p50Micros,
          p99Micros,
          maxMicros);
    }
  }

  /** Runs the benchmark, or with first argument {@code client} the client side of one run. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("client")) {
      Client.run(args);
      return;
    }
    Map<String, Integer> options = options(args);
    int streams = options.get("streams");
    int gapMs = options.get("gapMs");
    int warmupS = options.get("warmupS");
    int measureS = options.get("measureS");
    int runs = options.get("runs");
    int threads = options.get("threads");
    System.out.printf(
        Locale.ROOT,
        "mock throughput: %d streams x %.1f events/s (gap %d ms) = %.0f events/s nominal,"
            + " %d event loop thread(s), warm-up %d s, window %d s, %d run(s)%n",
        streams,
        1000.0 / gapMs,
        gapMs,
        streams * 1000.0 / gapMs,
        threads,
        warmupS,
        measureS,
        runs);
    List<Result> results = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      Result result = runOnce(streams, gapMs, warmupS, measureS, threads);
      results.add(result);
      System.out.println("run " + run + ": " + result.line());
    }
    System.out.println("median: " + median(results).line());
  }

  private static Map<String, Integer> options(String[] args) {
    Map<String, Integer> options = new LinkedHashMap<>();
    options.put("streams", 2000);
    options.put("gapMs", 50);
    options.put("warmupS", 5);
    options.put("measureS", 20);
    options.put("runs", 3);
    options.put("threads", 1);
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (eq < 0 || !options.containsKey(name)) {
        throw new IllegalArgumentException(
            "bad argument '" + arg + "': allowed are name=integer with names " + options.keySet());
      }
      options.put(name, Integer.parseInt(arg.substring(eq + 1).trim()));
    }
    if (options.get("warmupS") + options.get("measureS") + 15 > RUN_BUDGET.toSeconds()) {
      throw new IllegalArgumentException(
          "warmupS + measureS must leave 15 s of the " + RUN_BUDGET.toSeconds() + " s budget");
    }
    return options;
  }

  private static Result runOnce(int streams, int gapMs, int warmupS, int measureS, int threads)
      throws Exception {
    int fragments = (int) Math.min(MockSettings.MAX_FRAGMENTS, RUN_BUDGET.toMillis() / gapMs + 1);
    MockSettings settings =
        MockSettings.defaults()
            .withFragments(fragments)
            .withGap(Duration.ofMillis(gapMs))
            .withRecordWriteTimes(true)
            .withEventLoopThreads(threads);
    long deadline = System.nanoTime() + RUN_BUDGET.toNanos();
    try (MockChatServer mock = MockChatServer.start(settings)) {
      Process client = startClient(mock.port(), streams, gapMs);
      try {
        awaitReady(client);
        sleepUntil(Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupS)));
        long t0 = System.nanoTime();
        long events0 = mock.counters().eventsWritten();
        long cpu0 = mockThreadsCpuNanos();
        long process0 = processCpuNanos();
        sleepUntil(Math.min(deadline, t0 + TimeUnit.SECONDS.toNanos(measureS)));
        long t1 = System.nanoTime();
        long events1 = mock.counters().eventsWritten();
        long cpu1 = mockThreadsCpuNanos();
        long process1 = processCpuNanos();
        double window = (t1 - t0) / 1e9;
        long[] lateness = latenessWithin(mock.writeTimes(), t0, t1);
        Arrays.sort(lateness);
        return new Result(
            (events1 - events0) / window,
            (cpu1 - cpu0) / 1e9,
            (process1 - process0) / 1e9,
            window,
            percentileMicros(lateness, 0.50),
            percentileMicros(lateness, 0.99),
            percentileMicros(lateness, 1.0));
      } finally {
        client.destroy();
        if (!client.waitFor(10, TimeUnit.SECONDS)) {
          client.destroyForcibly();
        }
      }
    }
  }

  private static Process startClient(int port, int streams, int gapMs) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        List.of(
            java,
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            MockThroughputBenchmark.class.getName(),
            "client",
            Integer.toString(port),
            Integer.toString(streams),
            Integer.toString(gapMs),
            Long.toString(RUN_BUDGET.toSeconds() + 10));
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .redirectInput(ProcessBuilder.Redirect.PIPE)
        .start();
  }

  private static void awaitReady(Process client) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  System.out.println("  client: " + line);
                  if (line.startsWith("ready")) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // the client ended; the latch times out if it never got ready
              }
            },
            "bench-client-output");
    reader.setDaemon(true);
    reader.start();
    if (!ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "the client JVM did not start its streams within " + READY_TIMEOUT_SECONDS + " s");
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private static long mockThreadsCpuNanos() {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("mock-")) {
        long cpu = bean.getThreadCpuTime(thread.getId());
        total += Math.max(0, cpu);
      }
    }
    return total;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Lateness in nanoseconds of every event written within [t0, t1]. */
  private static long[] latenessWithin(WriteTimes times, long t0, long t1) {
    long[] lateness = new long[1024];
    int n = 0;
    for (String id : times.requestIds()) {
      long[] written = times.writeNanos(id);
      long[] scheduled = times.scheduledNanos(id);
      for (int i = 0; i < Math.min(written.length, scheduled.length); i++) {
        if (written[i] >= t0 && written[i] <= t1) {
          if (n == lateness.length) {
            lateness = Arrays.copyOf(lateness, n * 2);
          }
          lateness[n++] = written[i] - scheduled[i];
        }
      }
    }
    return Arrays.copyOf(lateness, n);
  }

  private static long percentileMicros(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return TimeUnit.NANOSECONDS.toMicros(sorted[Math.max(0, index)]);
  }

  private static Result median(List<Result> results) {
    return new Result(
        medianOf(results, Result::eventsPerSecond),
        medianOf(results, Result::mockCpuSeconds),
        medianOf(results, Result::processCpuSeconds),
        medianOf(results, Result::windowSeconds),
        (long) medianOf(results, r -> r.p50Micros()),
        (long) medianOf(results, r -> r.p99Micros()),
        (long) medianOf(results, r -> r.maxMicros()));
  }

  private static double medianOf(
      List<Result> results, java.util.function.ToDoubleFunction<Result> field) {
    double[] values = results.stream().mapToDouble(field).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  /** The client JVM: opens the streams, reads and discards every byte, exits on EOF of stdin. */
  private static final class Client {

    private Client() {}

    static void run(String[] args) throws Exception {
      int port = Integer.parseInt(args[1]);
      int streams = Integer.parseInt(args[2]);
      int gapMs = Integer.parseInt(args[3]);
      long lifetimeSeconds = Long.parseLong(args[4]);
      Thread watchdog =
          new Thread(
              () -> {
                try {
                  while (System.in.read() >= 0) {
                    // the parent keeps stdin open while it wants us
                  }
                } catch (IOException e) {
                  // fall through to exit
                }
                System.exit(0);
              },
              "bench-client-stdin");
      watchdog.setDaemon(true);
      watchdog.start();
      boolean epoll = Epoll.isAvailable();
      IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
      EventLoopGroup group =
          new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-client", true), io);
      AtomicLong bytes = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      Bootstrap bootstrap =
          new Bootstrap()
              .group(group)
              .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
              .option(ChannelOption.TCP_NODELAY, true)
              .handler(new Discard(bytes));
      List<Channel> channels = new ArrayList<>(streams);
      for (int start = 0; start < streams; start += CONNECT_BATCH) {
        int end = Math.min(streams, start + CONNECT_BATCH);
        CountDownLatch batch = new CountDownLatch(end - start);
        for (int i = start; i < end; i++) {
          ByteBuf request = request(i, (long) i * gapMs / streams);
          ChannelFuture connecting = bootstrap.connect("127.0.0.1", port);
          connecting.addListener(
              done -> {
                if (connecting.isSuccess()) {
                  connecting.channel().writeAndFlush(request);
                } else if (failed.getAndIncrement() == 0) {
                  System.out.println("first failed connect: " + connecting.cause());
                  request.release();
                } else {
                  request.release();
                }
                batch.countDown();
              });
          channels.add(connecting.channel());
        }
        if (!batch.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          System.out.println("connect timeout after " + start + " connections");
          System.exit(1);
        }
      }
      System.out.println(
          "ready "
              + (streams - failed.get())
              + " streams, "
              + failed.get()
              + " failed connects"
              + (epoll ? " (epoll)" : " (nio)"));
      System.out.flush();
      long stop = System.nanoTime() + TimeUnit.SECONDS.toNanos(lifetimeSeconds);
      while (System.nanoTime() < stop) {
        TimeUnit.SECONDS.sleep(1);
      }
      System.out.println("lifetime over, " + bytes.get() + " bytes read");
      System.exit(0);
    }

    /** Counts and drops every byte read; shared by every connection of the client. */
    @ChannelHandler.Sharable
    private static final class Discard extends ChannelInboundHandlerAdapter {
      private final AtomicLong bytes;

      Discard(AtomicLong bytes) {
        this.bytes = bytes;
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buffer = (ByteBuf) msg;
        bytes.addAndGet(buffer.readableBytes());
        buffer.release();
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
      }
    }

    private static ByteBuf request(int index, long ttftMs) {
      String body =
          "{\"model\":\"bench\",\"stream\":true,"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
      String head =
          "POST /v1/chat/completions HTTP/1.1\r\n"
              + "Host: 127.0.0.1\r\n"
              + "Authorization: Bearer "
              + MockSettings.defaults().apiKey()
              + "\r\n"
              + "Content-Type: application/json\r\n"
              + "X-Request-Id: bench-"
              + index
              + "\r\n"
              + "X-Mock-Ttft-Ms: "
              + ttftMs
              + "\r\n"
              + "Content-Length: "
              + body.getBytes(StandardCharsets.UTF_8).length
              + "\r\n\r\n";
      return Unpooled.copiedBuffer(head + body, StandardCharsets.UTF_8);
    }
  }
}
