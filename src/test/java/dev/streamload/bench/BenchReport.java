package dev.streamload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Joins one benchmark level's client measurements (streams.jsonl with every event's receive time,
 * resources.json) with the mock's ground truth (when it wrote each event) and prints one result
 * line: throughput, client cost, and the client's timing error.
 *
 * <p>Error of an event = client receive time − mock write time (both {@code System.nanoTime()}, one
 * monotonic clock on Linux). TTFT error is that error for the first text event; gap error is
 * (client gap − mock gap) between consecutive events. Mock lateness = write − schedule: how late
 * the mock itself was, so a slow mock is never mistaken for a slow client.
 *
 * <p>Usage: {@code BenchReport <level> <concurrency> <resultsDir> <writeTimes.jsonl>
 * <mockCpuSeconds> <out.jsonl>}
 */
public final class BenchReport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_NS = 3_600_000_000_000L;

  private BenchReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 2 && args[0].equals("table")) {
      System.out.println(table(Path.of(args[1])));
      return;
    }
    if (args.length != 6) {
      throw new IllegalArgumentException(
          "usage: BenchReport <level> <concurrency> <resultsDir> <writeTimes.jsonl> <mockCpuSeconds> <out.jsonl>");
    }
    ObjectNode row =
        report(
            args[0],
            Integer.parseInt(args[1]),
            Path.of(args[2]),
            Path.of(args[3]),
            Double.parseDouble(args[4]));
    Files.writeString(
        Path.of(args[5]),
        row.toString() + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    System.out.println(row.toPrettyString());
  }

  static ObjectNode report(
      String level, int concurrency, Path results, Path writeTimes, double mockCpu)
      throws IOException {
    JsonNode resources = JSON.readTree(results.resolve("resources.json").toFile());
    JsonNode summary = JSON.readTree(results.resolve("summary.json").toFile());
    long origin = resources.path("trace_origin_nanos").asLong();
    // Streams sent during the warm-up (JIT compilation, connection set-up) are left out.
    double warmUpMs = resources.path("warm_up_excluded_s").asDouble() * 1000;

    Map<String, long[]> writes = new HashMap<>();
    Histogram lateness = histogram();
    try (BufferedReader in = Files.newBufferedReader(writeTimes, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode n = JSON.readTree(line);
        long[] w = longs(n.path("write"));
        long[] s = longs(n.path("scheduled"));
        writes.put(n.path("id").asText(), w);
        for (int i = 0; i < w.length && i < s.length; i++) {
          lateness.recordValue(clamp(w[i] - s[i]));
        }
      }
    }

    Histogram ttftError = histogram();
    Histogram gapError = histogram();
    Histogram eventError = histogram();
    long joined = 0;
    long negative = 0;
    try (BufferedReader in = Files.newBufferedReader(results.resolve("streams.jsonl"))) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode s = JSON.readTree(line);
        long[] w = writes.get(s.path("request_id").asText());
        JsonNode times = s.path("event_times_ms");
        if (w == null
            || !times.isArray()
            || !"ok".equals(s.path("outcome").asText())
            || s.path("t_send").asDouble() < warmUpMs) {
          continue;
        }
        joined++;
        double first = s.path("t_first").asDouble();
        long previousRecv = 0;
        int n = Math.min(times.size(), w.length);
        for (int i = 0; i < n; i++) {
          long recv = origin + Math.round(times.get(i).asDouble() * 1e6);
          long error = recv - w[i];
          if (error < 0) {
            negative++;
          }
          eventError.recordValue(clamp(error));
          if (Math.abs(times.get(i).asDouble() - first) < 1e-9) {
            ttftError.recordValue(clamp(error));
          }
          if (i > 0) {
            long gap = (recv - previousRecv) - (w[i] - w[i - 1]);
            gapError.recordValue(clamp(Math.abs(gap)));
          }
          previousRecv = recv;
        }
      }
    }

    double wall = resources.path("wall_s").asDouble();
    long events = resources.path("events").asLong();
    JsonNode totals = summary.path("totals");
    ObjectNode row = JSON.createObjectNode();
    row.put("level", level);
    row.put("concurrency", concurrency);
    row.put("streams_started", totals.path("streams").path("started").asLong());
    row.put("streams_failed", totals.path("streams").path("failed").asLong());
    row.put("streams_per_s", round(totals.path("streams").path("completed").asLong() / wall));
    row.put("events_per_s", round(resources.path("events_per_s").asDouble()));
    row.put(
        "client_cpu_s_per_1000_events", round3(resources.path("cpu_s_per_1000_events").asDouble()));
    row.put("client_cpu_cores", round3(resources.path("cpu_cores_used").asDouble()));
    row.put("client_heap_peak_mib", round(resources.path("heap_peak_mib").asDouble()));
    row.put("client_rss_peak_mib", round(resources.path("rss_peak_mib").asDouble()));
    row.put("client_gc_s", round3(resources.path("gc_s").asDouble()));
    row.put("mock_cpu_s", round3(mockCpu));
    row.put("mock_events_per_cpu_s", mockCpu > 0 ? round(events / mockCpu) : 0);
    row.put("streams_joined", joined);
    row.put("negative_errors", negative);
    putMs(row, "ttft_error", ttftError);
    putMs(row, "gap_error", gapError);
    putMs(row, "event_error", eventError);
    putMs(row, "mock_lateness", lateness);
    putMs(row, "schedule_lag", totals.path("distributions").path("schedule_lag_ms"));
    com.fasterxml.jackson.databind.node.ArrayNode steps = row.putArray("open_steps");
    for (JsonNode step : summary.path("steps")) {
      if (step.path("offered_rate_per_s").isNumber()) {
        double offered = step.path("offered_rate_per_s").asDouble();
        double achieved = step.path("achieved_rate_per_s").asDouble();
        steps
            .addObject()
            .put("step", step.path("name").asText())
            .put("offered_per_s", offered)
            .put("achieved_per_s", achieved)
            .put("deviation_pct", round3((achieved - offered) / offered * 100));
      }
    }
    return row;
  }

  private static void putMs(ObjectNode row, String name, JsonNode distribution) {
    row.put(name + "_p50_ms", distribution.path("p50").asDouble());
    row.put(name + "_p99_ms", distribution.path("p99").asDouble());
    row.put(name + "_max_ms", distribution.path("max").asDouble());
  }

  /** A Markdown table of every level in {@code resultsJsonl}. */
  static String table(Path resultsJsonl) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| level | streams in flight | streams/s | events/s | client CPU s / 1k events | client cores |"
            + " heap peak MiB | RSS peak MiB | TTFT error p50 / p99 / max ms |"
            + " gap error p50 / p99 / max ms | mock lateness p50 / p99 / max ms |"
            + " mock events / CPU s | failed |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    StringBuilder open = new StringBuilder();
    for (String line : Files.readAllLines(resultsJsonl, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode r = JSON.readTree(line);
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f | %.0f | %.4f | %.2f | %.0f | %.0f | %s | %s | %s | %.0f | %d |%n",
              r.path("level").asText(),
              r.path("concurrency").asInt(),
              r.path("streams_per_s").asDouble(),
              r.path("events_per_s").asDouble(),
              r.path("client_cpu_s_per_1000_events").asDouble(),
              r.path("client_cpu_cores").asDouble(),
              r.path("client_heap_peak_mib").asDouble(),
              r.path("client_rss_peak_mib").asDouble(),
              triple(r, "ttft_error"),
              triple(r, "gap_error"),
              triple(r, "mock_lateness"),
              r.path("mock_events_per_cpu_s").asDouble(),
              r.path("streams_failed").asLong()));
      for (JsonNode step : r.path("open_steps")) {
        open.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.3f | %.3f | %+.2f %% |%n",
                r.path("level").asText(),
                step.path("step").asText(),
                step.path("offered_per_s").asDouble(),
                step.path("achieved_per_s").asDouble(),
                step.path("deviation_pct").asDouble()));
      }
      if (r.path("open_steps").size() > 0) {
        open.append(
            String.format(
                Locale.ROOT,
                "| %s | schedule lag p50 / p99 / max ms | | | %s |%n",
                r.path("level").asText(),
                triple(r, "schedule_lag")));
      }
    }
    if (open.length() > 0) {
      sb.append(
          "\n| level | step | offered /s | achieved /s | deviation |\n|---|---|---:|---:|---:|\n");
      sb.append(open);
    }
    return sb.toString();
  }

  private static String triple(JsonNode r, String name) {
    return String.format(
        Locale.ROOT,
        "%.3f / %.3f / %.3f",
        r.path(name + "_p50_ms").asDouble(),
        r.path(name + "_p99_ms").asDouble(),
        r.path(name + "_max_ms").asDouble());
  }

  private static void putMs(ObjectNode row, String name, Histogram h) {
    row.put(name + "_p50_ms", ms(h.getValueAtPercentile(50)));
    row.put(name + "_p99_ms", ms(h.getValueAtPercentile(99)));
    row.put(name + "_max_ms", ms(h.getMaxValue()));
  }

  private static Histogram histogram() {
    return new Histogram(1, MAX_NS, 3);
  }

  private static long clamp(long ns) {
    return Math.max(1, Math.min(MAX_NS, ns));
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  private static double ms(long ns) {
    return Math.round(ns / 1e3) / 1e3;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static double round3(double v) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.4f", v));
  }
}
