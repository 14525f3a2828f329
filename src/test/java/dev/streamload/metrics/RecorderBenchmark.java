package dev.streamload.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.streamload.stream.EventParser;
import dev.streamload.stream.StreamDialect;
import dev.streamload.stream.StreamLimits;
import dev.streamload.stream.StreamRecorder;
import dev.streamload.stream.StreamResult;
import dev.streamload.stream.Termination;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Measures the per-event cost of the hot path (parse + record) on synthetic OpenAI chunks, and the
 * caller-side cost of the two ways to write trace lines. Not a test: run it by hand after {@code
 * mvn test-compile}:
 *
 * <pre>
 * mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:$(cat target/cp.txt) dev.streamload.metrics.RecorderBenchmark
 * </pre>
 *
 * <p>Each stream is 100 events: a role-only chunk, 96 content chunks, a finish chunk, a usage chunk
 * and {@code [DONE]}, timed with {@link System#nanoTime()} per event as the Gatling hook does.
 * Results go into a {@link MetricsRegistry} like in a run.
 */
public final class RecorderBenchmark {

  private static final int EVENTS_PER_ROUND = 1_000_000;
  private static final int EVENTS_PER_STREAM = 100;
  private static final int WARMUP_ROUNDS = 3;
  private static final int ROUNDS = 5;

  private RecorderBenchmark() {}

  public static void main(String[] args) throws Exception {
    String[] content = contentChunks(1_000);
    String role =
        chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null").replace("RID", "chatcmpl-0");
    String finish = chunk("{}", "\"stop\"").replace("RID", "chatcmpl-0");
    String usage =
        "{\"data\":{\"id\":\"chatcmpl-0\",\"object\":\"chat.completion.chunk\",\"created\":1717000000,"
            + "\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":512,\"completion_tokens\":97,\"total_tokens\":609}}}";
    String done = "{\"data\":[DONE]}";
    EventParser parser = new EventParser(StreamDialect.openAi());
    StreamLimits limits =
        new StreamLimits(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(5));

    System.out.printf(
        Locale.ROOT,
        "JVM %s, %d cores; %d events per round, %d per stream%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        EVENTS_PER_ROUND,
        EVENTS_PER_STREAM);

    double[] parseOnly = new double[ROUNDS];
    double[] full = new double[ROUNDS];
    for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
      long sink = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < EVENTS_PER_ROUND; i++) {
        sink += parser.parse(content[i % content.length]).textChars();
      }
      long t1 = System.nanoTime();
      MetricsRegistry registry = new MetricsRegistry(t1);
      int streams = EVENTS_PER_ROUND / EVENTS_PER_STREAM;
      long t2 = System.nanoTime();
      for (int s = 0; s < streams; s++) {
        long send = System.nanoTime();
        registry.streamStarted(0);
        StreamRecorder r = new StreamRecorder("r" + s, "u", 0, send, send, limits, parser, false);
        r.onHeaders(System.nanoTime(), 200, "text/event-stream");
        r.onEvent(System.nanoTime(), role);
        for (int e = 0; e < EVENTS_PER_STREAM - 4; e++) {
          r.onEvent(System.nanoTime(), content[(s * 31 + e) % content.length]);
        }
        r.onEvent(System.nanoTime(), finish);
        r.onEvent(System.nanoTime(), usage);
        r.onEvent(System.nanoTime(), done);
        StreamResult result = r.finish(System.nanoTime(), Termination.END_MARKER_RECEIVED, null);
        registry.record(result);
        sink += result.outputTokens();
      }
      long t3 = System.nanoTime();
      if (sink == 42) {
        System.out.println();
      }
      double p = (t1 - t0) / (double) EVENTS_PER_ROUND;
      double f = (t3 - t2) / (double) EVENTS_PER_ROUND;
      System.out.printf(
          Locale.ROOT,
          "%s round %d: parse only %.1f ns/event, parse+record+registry %.1f ns/event%n",
          round < 0 ? "warm-up" : "measured",
          round,
          p,
          f);
      if (round >= 0) {
        parseOnly[round] = p;
        full[round] = f;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT median parse only %.1f ns/event; median parse+record %.1f ns/event"
            + " (%.0f k events/s on one core)%n",
        median(parseOnly),
        median(full),
        1e6 / median(full));

    traceComparison();
  }

  /** Caller-side cost per line: queue hand-off (TraceWriter) vs. format+write under a lock. */
  private static void traceComparison() throws Exception {
    int threads = 2;
    int perThread = 100_000;
    StreamResult sample = sampleResult();
    Path dir = Files.createTempDirectory("streamload-bench");
    try {
      for (int round = 0; round < 3; round++) {
        Path q = dir.resolve("queue-" + round + ".jsonl");
        TraceWriter writer = new TraceWriter(q, 0, ClockAnchor.now(), 1_000_000);
        double queued = perLine(threads, perThread, r -> writer.write(sample));
        long t0 = System.nanoTime();
        writer.close();
        double drain = (System.nanoTime() - t0) / (double) (threads * perThread);

        Path l = dir.resolve("locked-" + round + ".jsonl");
        LockedTraceWriter locked = new LockedTraceWriter(l);
        double lockedCost = perLine(threads, perThread, r -> locked.write(sample));
        locked.close();
        System.out.printf(
            Locale.ROOT,
            "trace round %d, %d threads: queue hand-off %.0f ns/line on the caller"
                + " (+%.0f ns/line left to drain at close); synchronized format+write"
                + " %.0f ns/line on the caller%n",
            round,
            threads,
            queued,
            drain,
            lockedCost);
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static double perLine(int threads, int perThread, Consumer<Integer> write)
      throws InterruptedException {
    Thread[] ts = new Thread[threads];
    long[] elapsed = new long[threads];
    for (int t = 0; t < threads; t++) {
      int slot = t;
      ts[t] =
          new Thread(
              () -> {
                long start = System.nanoTime();
                for (int i = 0; i < perThread; i++) {
                  write.accept(i);
                }
                elapsed[slot] = System.nanoTime() - start;
              });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    return Arrays.stream(elapsed).average().orElse(0) / perThread;
  }

  /** The alternative design: format on the calling thread and write under a lock. */
  private static final class LockedTraceWriter {
    private static final JsonFactory JSON =
        JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private final Writer out;
    private final JsonGenerator g;
    private final TraceLines lines = new TraceLines(RunOrigin.at(0), ClockAnchor.now());

    LockedTraceWriter(Path file) throws IOException {
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      g = JSON.createGenerator(out);
      g.setRootValueSeparator(null);
    }

    synchronized void write(StreamResult r) {
      try {
        lines.write(g, r);
        g.writeRaw('\n');
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    synchronized void close() throws IOException {
      g.close();
      out.close();
    }
  }

  private static StreamResult sampleResult() {
    EventParser parser = new EventParser(StreamDialect.projectDefault());
    StreamRecorder r =
        new StreamRecorder(
            "req-1",
            "user-1",
            0,
            1_000,
            2_000,
            new StreamLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
            parser,
            false);
    r.onHeaders(3_000, 200, "text/event-stream");
    for (int i = 0; i < 50; i++) {
      r.onEvent(10_000 + i * 1_000L, "{\"data\":{\"delta\":\"tok\"}}");
    }
    r.onEvent(70_000, "{\"data\":[DONE]}");
    return r.finish(71_000, Termination.END_MARKER_RECEIVED, null);
  }

  private static String[] contentChunks(int n) {
    Random random = new Random(42);
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      StringBuilder word = new StringBuilder(" ");
      int len = 1 + random.nextInt(8);
      for (int c = 0; c < len; c++) {
        word.append((char) ('a' + random.nextInt(26)));
      }
      out[i] =
          chunk("{\"content\":\"" + word + "\"}", "null").replace("RID", "chatcmpl-" + (i % 97));
    }
    return out;
  }

  private static String chunk(String delta, String finishReason) {
    return "{\"data\":{\"id\":\"RID\",\"object\":\"chat.completion.chunk\",\"created\":1717000000,"
        + "\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"system_fingerprint\":\"fp_44709d6fcb\","
        + "\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":"
        + finishReason
        + "}],\"usage\":null}}";
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
