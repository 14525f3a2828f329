package dev.streamload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.merge.MergeMain;
import dev.streamload.mock.MockChatServer;
import dev.streamload.mock.MockEndpoint;
import dev.streamload.mock.MockSettings;
import dev.streamload.simulations.ChatStreamSimulation;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three injectors, each its own JVM with its own {@code -Dinjector.index}, share one staircase
 * against one embedded mock (started here), starting their steps at one common instant; their run
 * folders are merged with {@link MergeMain}. The merged result must agree with the union of the
 * three {@code streams.jsonl} files (counts exactly, percentiles to HdrHistogram's precision) and
 * with what the mock served, and no account may have been used by two injectors.
 */
class ThreeInjectorsTest {

  static final int INJECTORS = 3;

  /** Whole load: 3 then 6 new users per second, 2 s each: 18 users, 2 streams each. */
  static final double START_RATE = 3;

  static final int STEP_SECONDS = 2;
  static final int TURNS = 2;
  static final int USERS = (int) (START_RATE * STEP_SECONDS + 2 * START_RATE * STEP_SECONDS);

  /**
   * Time the three JVMs get to start Gatling before the common start instant (they start at once on
   * a shared 2-core machine; an injector that starts its steps late fails the merge check).
   */
  static final Duration STARTUP_MARGIN = Duration.ofSeconds(20);

  /** Longest an injector JVM may run before the test gives up on it. */
  static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(120);

  /** HdrHistogram with 3 significant digits: a percentile is at most 0.1% above the value. */
  static final double HDR_RELATIVE_PRECISION = 0.001;

  /** streams.jsonl prints milliseconds with 3 decimals. */
  static final double TRACE_ROUNDING_MS = 0.0005;

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void threeInjectorProcessesMergeIntoTheUnionOfTheirStreamsAndWhatTheMockServed()
      throws Exception {
    MockSettings settings =
        MockSettings.defaults()
            .withTimeToFirstFragment(Duration.ofMillis(50))
            .withFragments(10)
            .withGap(Duration.ofMillis(10));
    List<Path> folders = new ArrayList<>();
    Instant startAt;
    try (MockChatServer mock = MockChatServer.start(settings)) {
      startAt = Instant.now().plus(STARTUP_MARGIN);
      List<Process> processes = new ArrayList<>();
      for (int i = 0; i < INJECTORS; i++) {
        processes.add(start(i, mock.baseUrl(), startAt));
      }
      for (int i = 0; i < INJECTORS; i++) {
        Process p = processes.get(i);
        boolean done = p.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
          processes.forEach(Process::destroyForcibly);
        }
        assertTrue(done, "injector " + i + " did not end within " + PROCESS_TIMEOUT + log(i));
        assertEquals(0, p.exitValue(), "injector " + i + " failed" + log(i));
        folders.add(runFolder(i));
      }

      Path merged = dir.resolve("merged");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      List<String> args = new ArrayList<>();
      folders.forEach(f -> args.add(f.toString()));
      args.addAll(List.of("--out", merged.toString()));
      int status =
          MergeMain.run(
              args.toArray(new String[0]),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(
          MergeMain.OK,
          status,
          out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8) + log(0));
      assertTrue(Files.exists(merged.resolve("dashboard.html")));
      JsonNode summary = JSON.readTree(merged.resolve("summary.json").toFile());

      List<JsonNode> streams = new ArrayList<>();
      for (int i = 0; i < INJECTORS; i++) {
        List<JsonNode> own = lines(folders.get(i).resolve("streams.jsonl"));
        for (JsonNode s : own) {
          assertTrue(
              s.path("request_id").asText().startsWith("i" + i + "-"),
              "injector " + i + " wrote request id " + s.path("request_id"));
        }
        streams.addAll(own);
      }

      checkAgainstTheStreams(summary, streams);
      checkAgainstTheMock(summary, mock, streams);
      checkInjectors(summary, startAt);
    }
  }

  private void checkAgainstTheStreams(JsonNode summary, List<JsonNode> streams) {
    JsonNode totals = summary.path("totals");
    List<JsonNode> ok =
        streams.stream().filter(s -> s.path("outcome").asText().equals("ok")).toList();
    assertEquals(USERS * TURNS, streams.size(), "streams in the three streams.jsonl");
    assertEquals(streams.size(), totals.path("streams").path("started").asLong());
    assertEquals(ok.size(), totals.path("streams").path("completed").asLong());
    assertEquals(
        streams.size() - ok.size(), totals.path("streams").path("failed").asLong(), "failed");
    assertEquals(
        ok.stream().mapToLong(s -> s.path("output_tokens").asLong()).sum(),
        totals.path("output_tokens_total").asLong());
    JsonNode d = totals.path("distributions");
    assertEquals(ok.size(), d.path("ttft_ms").path("count").asLong());
    assertEquals(
        ok.stream().mapToLong(s -> s.path("fragments").asLong() - 1).sum(),
        d.path("itl_ms").path("count").asLong(),
        "one gap per pair of text fragments");
    for (String metric : List.of("ttft_ms", "e2e_ms", "tpot_ms")) {
      double[] values =
          ok.stream()
              .mapToDouble(s -> s.path(metric).asDouble())
              .filter(v -> v > 0)
              .sorted()
              .toArray();
      JsonNode dist = d.path(metric);
      assertEquals(values.length, dist.path("count").asLong(), metric + " count");
      assertNear(values[0], dist.path("min").asDouble(), 0, metric + " min");
      assertNear(values[values.length - 1], dist.path("max").asDouble(), 0, metric + " max");
      for (int p : new int[] {50, 90, 95, 99}) {
        double exact = values[(int) Math.ceil(p / 100.0 * values.length) - 1];
        assertNear(
            exact,
            dist.path("p" + p).asDouble(),
            exact * HDR_RELATIVE_PRECISION,
            metric + " p" + p);
      }
    }
    // Per step: the union's streams of each step, the whole offered rate, summed shares.
    JsonNode steps = summary.path("steps");
    assertEquals(2, steps.size());
    for (int step = 0; step < 2; step++) {
      int index = step;
      long inStep = streams.stream().filter(s -> s.path("step").asInt() == index).count();
      JsonNode s = steps.get(step);
      assertEquals(inStep, s.path("streams").path("started").asLong(), "step " + step);
      assertEquals(START_RATE * (step + 1), s.path("offered_rate_per_s").asDouble(), 1e-9);
    }
  }

  private static void assertNear(double expected, double actual, double tolerance, String what) {
    double slack = tolerance + TRACE_ROUNDING_MS;
    assertTrue(
        Math.abs(actual - expected) <= slack,
        what + ": expected " + expected + " ± " + slack + ", got " + actual);
  }

  @SuppressWarnings("unchecked")
  private void checkAgainstTheMock(JsonNode summary, MockChatServer mock, List<JsonNode> streams) {
    JsonNode totals = summary.path("totals").path("streams");
    assertEquals(totals.path("started").asLong(), mock.counters().streamsStarted());
    assertEquals(totals.path("completed").asLong(), mock.counters().streamsCompleted());
    assertEquals(streams.size(), mock.counters().requests(MockEndpoint.STREAM_DEFAULT));
    assertEquals(USERS, mock.counters().requests(MockEndpoint.LOGIN), "one login per user");
    assertEquals(0, mock.counters().duplicateRequestIds());
    Map<String, Long> logins = mock.counters().loginsByAccount();
    assertEquals(USERS, logins.size(), "every user its own account: " + logins);
    Map<String, Map<String, Long>> byAccount = mock.counters().streamsByAccount();
    Set<String> tags = new HashSet<>();
    for (Map.Entry<String, Map<String, Long>> e : byAccount.entrySet()) {
      assertEquals(1, e.getValue().size(), e.getKey() + " used by " + e.getValue().keySet());
      String tag = e.getValue().keySet().iterator().next();
      tags.add(tag);
      int row = Integer.parseInt(e.getKey().substring("user".length())) - 1;
      assertEquals("i" + (row % INJECTORS), tag, e.getKey() + " is not in its injector's share");
    }
    assertEquals(Set.of("i0", "i1", "i2"), tags);
  }

  private void checkInjectors(JsonNode summary, Instant startAt) {
    JsonNode injectors = summary.path("run").path("injectors");
    assertEquals(INJECTORS, injectors.path("count").asInt());
    assertTrue(injectors.path("merged").asBoolean());
    assertEquals("[0,1,2]", injectors.path("included").toString());
    assertEquals("[]", injectors.path("missing").toString());
    assertEquals("[]", injectors.path("failed").toString(), injectors.toString());
    assertEquals(startAt.toString(), injectors.path("start_at").asText());
  }

  private Process start(int index, String baseUrl, Instant startAt) throws IOException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true"));
    Map<String, String> props = new HashMap<>();
    props.put("target.url", baseUrl);
    props.put("profile", "staircase");
    props.put("staircase.startRate", Double.toString(START_RATE));
    props.put("staircase.stepRate", Double.toString(START_RATE));
    props.put("staircase.steps", "2");
    props.put("staircase.stepDuration", STEP_SECONDS + "s");
    props.put("chat.turns", Integer.toString(TURNS));
    props.put("injector.count", Integer.toString(INJECTORS));
    props.put("injector.index", Integer.toString(index));
    props.put("injector.startAt", startAt.toString());
    props.put("results.dir", dir.resolve("results-" + index).toString());
    props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.addAll(
        List.of(
            "-cp",
            classpath,
            "io.gatling.app.Gatling",
            "-s",
            ChatStreamSimulation.class.getName(),
            "-rf",
            dir.resolve("gatling-" + index).toString(),
            "-nr"));
    File log = dir.resolve("injector-" + index + ".log").toFile();
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(log)
        .directory(dir.toFile())
        .start();
  }

  private String log(int index) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("injector-" + index + ".log"));
      return "\n--- injector "
          + index
          + " log (last lines) ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return " (no log: " + e + ")";
    }
  }

  private Path runFolder(int index) throws IOException {
    try (Stream<Path> dirs = Files.list(dir.resolve("results-" + index))) {
      List<Path> runs = dirs.filter(Files::isDirectory).toList();
      assertEquals(1, runs.size(), "run folders of injector " + index + ": " + runs);
      return runs.get(0);
    }
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }
}
