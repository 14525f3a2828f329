package dev.streamload.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.run.ConsoleEnd;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a simulation inside the test JVM (Gatling's internal {@code Gatling.fromArgs}) with the
 * given {@code -D} settings and returns what the run wrote, so tests judge a run by its own outputs
 * (summary.json, streams.jsonl, mock.json) and by the lines its console would end with. Gatling's
 * periodic console statistics are switched off (the test reports say what failed). Needs the {@code
 * --add-opens} flags that the pom gives Surefire. Not thread-safe: settings are system properties.
 */
public final class GatlingRun {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  /** What one run produced. */
  public record Result(
      int exitCode,
      Path dir,
      JsonNode summary,
      List<JsonNode> streams,
      JsonNode mock,
      List<String> consoleEnd) {

    /** Failure count of one class over the whole run. */
    public long failures(String failureClass) {
      return summary.path("totals").path("failures").path(failureClass).asLong();
    }

    /** Streams counter (started, completed, failed). */
    public long streams(String counter) {
      return summary.path("totals").path("streams").path(counter).asLong();
    }

    /** A counter of the embedded mock, e.g. "streamsStarted". */
    public long mockCounter(String name) {
      return mock.path(name).asLong();
    }
  }

  private GatlingRun() {}

  /**
   * Runs {@code simulation} with {@code settings} as system properties; results go below {@code
   * dir}.
   */
  public static Result run(Class<?> simulation, Map<String, String> settings, Path dir) {
    return run(simulation, settings, dir, false);
  }

  /** As {@link #run(Class, Map, Path)}, optionally with Gatling's HTML report (in dir/gatling). */
  public static Result run(
      Class<?> simulation, Map<String, String> settings, Path dir, boolean htmlReport) {
    Map<String, String> all = new HashMap<>();
    // Gatling's data writers: the file only (no console table every few seconds).
    all.put("gatling.data.writers.0", "file");
    all.put("gatling.reports.dir", dir.resolve("gatling").toString());
    // No loopback warm-up unless a test asks for it: it runs up to warmUp.loopback before every
    // load, and LoopbackWarmUpRunTest is where it is tested.
    all.put("warmUp.loopback", "0s");
    // The warm-up's end would put this JVM's JIT compiler threads at SCHED_IDLE for the rest of
    // the test run; CompilerThreadsTest moves a thread of its own instead.
    all.put("warmUp.compilerPriority", "normal");
    all.putAll(settings);
    all.put("results.dir", dir.resolve("results").toString());
    Map<String, String> previous = new HashMap<>();
    all.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
    int exit;
    List<String> consoleEnd;
    try {
      List<String> args =
          new ArrayList<>(
              List.of("-s", simulation.getName(), "-rf", dir.resolve("gatling").toString()));
      if (!htmlReport) {
        args.add("-nr");
      }
      // Gatling's own console output (report generation, its summary) goes nowhere: tests judge
      // the run by its files and the lines it would end with.
      exit =
          scala.Console$.MODULE$.withOut(
              QUIET, () -> io.gatling.app.Gatling$.MODULE$.fromArgs(args.toArray(new String[0])));
    } finally {
      // The closing lines a real run prints at JVM exit; taken here so none piles up.
      consoleEnd = ConsoleEnd.takePending();
      previous.forEach(
          (k, v) -> {
            if (v == null) {
              System.clearProperty(k);
            } else {
              System.setProperty(k, v);
            }
          });
    }
    return read(exit, dir.resolve("results"), consoleEnd);
  }

  private static Result read(int exit, Path results, List<String> consoleEnd) {
    try (Stream<Path> dirs = Files.list(results)) {
      Path run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
      List<JsonNode> streams = new ArrayList<>();
      for (String line : Files.readAllLines(run.resolve("streams.jsonl"))) {
        if (!line.isBlank()) {
          streams.add(JSON.readTree(line));
        }
      }
      Path mock = run.resolve("mock.json");
      return new Result(
          exit,
          run,
          JSON.readTree(run.resolve("summary.json").toFile()),
          streams,
          Files.exists(mock) ? JSON.readTree(mock.toFile()) : JSON.createObjectNode(),
          consoleEnd);
    } catch (IOException e) {
      throw new UncheckedIOException("run wrote no readable results in " + results, e);
    }
  }
}
