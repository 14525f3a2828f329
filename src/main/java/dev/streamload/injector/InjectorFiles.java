package dev.streamload.injector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamload.metrics.HistogramState;
import dev.streamload.metrics.Metric;
import dev.streamload.metrics.OverTime;
import dev.streamload.metrics.RunState;
import dev.streamload.metrics.ScopeState;
import dev.streamload.metrics.StepPlan;
import dev.streamload.metrics.TimeBucket;
import dev.streamload.stream.FailureClass;
import dev.streamload.stream.TokenSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes and reads the two files that make a run folder mergeable (format in {@code
 * docs/metrics.md}, "Mergeable outputs"):
 *
 * <ul>
 *   <li>{@value #HISTOGRAMS}: every distribution of the run and of each step, raw, in
 *       HdrHistogram's log format, each histogram tagged {@code <scope>/<metric>} (e.g. {@code
 *       step1/ttft});
 *   <li>{@value #REPORT}: who the injector was, its plan, every counter, the exact sum, min and max
 *       of each histogram, the over-time series, and the size of {@value #HISTOGRAMS}.
 * </ul>
 *
 * <p>{@value #REPORT} is written last (via a temporary file), so a folder that has it has a
 * complete histogram log; reading checks the log's size and every histogram's count against it, so
 * a truncated or mixed-up file is refused rather than merged.
 */
public final class InjectorFiles {

  /** The report file. */
  public static final String REPORT = "injector.json";

  /** The histogram log file. */
  public static final String HISTOGRAMS = "histograms.hlog";

  /** Format name and version of {@value #REPORT}; bumped when a field changes meaning. */
  public static final String FORMAT = "streamload-injector/1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOTAL = "total";
  private static final String STEP = "step";

  private InjectorFiles() {}

  /** A run folder whose mergeable files are missing, truncated or inconsistent. */
  public static final class InvalidFolder extends IOException {
    private static final long serialVersionUID = 1L;

    InvalidFolder(Path folder, String file, String problem) {
      super(folder + ": " + file + " " + problem);
    }

    InvalidFolder(Path folder, String file, String problem, Throwable cause) {
      super(folder + ": " + file + " " + problem, cause);
    }
  }

  // ---- writing ----

  /** Writes {@value #HISTOGRAMS}, then {@value #REPORT}, into {@code folder}. */
  public static void write(Path folder, InjectorReport report) throws IOException {
    Files.createDirectories(folder);
    RunState state = report.state();
    Map<String, ScopeState> scopes = scopes(state);
    Path log = folder.resolve(HISTOGRAMS);
    int written = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(log));
        PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8)) {
      HistogramLogWriter writer = new HistogramLogWriter(print);
      writer.outputComment(
          "streamload raw histograms: "
              + report.simulation()
              + ", injector "
              + report.index()
              + " of "
              + report.count()
              + "; tag = <scope>/<metric>; times in ns, counts plain, output_rate in 1/1000"
              + " token/s; see docs/metrics.md");
      writer.outputLogFormatVersion();
      long startMs = Math.floorDiv(state.startEpochNanos(), 1_000_000L);
      long endMs = Math.floorDiv(state.endEpochNanos(), 1_000_000L);
      writer.outputStartTime(startMs);
      writer.setBaseTime(startMs);
      writer.outputLegend();
      for (Map.Entry<String, ScopeState> scope : scopes.entrySet()) {
        for (Metric m : Metric.values()) {
          HistogramState h = scope.getValue().histograms().get(m);
          if (h.count() == 0) {
            continue;
          }
          AbstractHistogram copy = h.histogram();
          copy.setTag(scope.getKey() + "/" + m.wireName());
          copy.setStartTimeStamp(startMs);
          copy.setEndTimeStamp(Math.max(startMs, endMs));
          writer.outputIntervalHistogram(copy);
          written++;
        }
      }
      print.flush();
      if (print.checkError()) {
        throw new IOException("could not write " + log);
      }
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("simulation", report.simulation());
    root.put("profile", report.profile());
    ObjectNode injector = root.putObject("injector");
    injector.put("index", report.index());
    injector.put("count", report.count());
    if (report.startAt().isPresent()) {
      injector.put("start_at", report.startAt().get().toString());
    } else {
      injector.putNull("start_at");
    }
    injector.put("start_late_ms", report.startLateMs());
    ArrayNode problems = injector.putArray("problems");
    report.problems().forEach(problems::add);
    writePlan(root.putArray("plan"), report.plan());
    writePlan(root.putArray("whole_plan"), report.wholePlan());
    ObjectNode target = root.putObject("target");
    report.target().forEach(target::put);
    ObjectNode run = root.putObject("run");
    run.put("start_epoch_ns", state.startEpochNanos());
    run.put("end_epoch_ns", state.endEpochNanos());
    ObjectNode scopeNodes = root.putObject("scopes");
    scopes.forEach((name, scope) -> writeScope(scopeNodes.putObject(name), scope));
    ObjectNode overTime = root.putObject("over_time");
    overTime.put("origin_epoch_ns", state.overTime().originEpochNanos());
    overTime.put("width_ns", state.overTime().widthNanos());
    ArrayNode buckets = overTime.putArray("buckets");
    for (TimeBucket b : state.overTime().buckets()) {
      ArrayNode bucket =
          buckets
              .addArray()
              .add(b.completed())
              .add(b.failed())
              .add(b.ttftP50Nanos())
              .add(b.ttftP95Nanos())
              .add(b.itlP95Nanos());
      ObjectNode byClass = bucket.addObject();
      b.failures().forEach((c, n) -> byClass.put(c.wireName(), n));
    }
    ObjectNode file = root.putObject("histograms_file");
    file.put("name", HISTOGRAMS);
    file.put("bytes", Files.size(log));
    file.put("histograms", written);
    Path tmp = folder.resolve(REPORT + ".tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
    Files.move(tmp, folder.resolve(REPORT), StandardCopyOption.REPLACE_EXISTING);
  }

  private static Map<String, ScopeState> scopes(RunState state) {
    Map<String, ScopeState> out = new LinkedHashMap<>();
    out.put(TOTAL, state.total());
    state.steps().forEach((i, s) -> out.put(STEP + i, s));
    return out;
  }

  private static void writePlan(ArrayNode out, List<StepPlan> plan) {
    for (StepPlan p : plan) {
      ObjectNode n = out.addObject();
      n.put("index", p.index());
      n.put("name", p.name());
      if (Double.isNaN(p.offeredRatePerSecond())) {
        n.putNull("offered_rate_per_s");
      } else {
        n.put("offered_rate_per_s", p.offeredRatePerSecond());
      }
      n.put("concurrency", p.concurrency());
      n.put("start_offset_ns", p.startOffset().toNanos());
      n.put("duration_ns", p.duration().toNanos());
    }
  }

  private static void writeScope(ObjectNode n, ScopeState s) {
    n.put("started", s.started());
    n.put("completed", s.completed());
    ObjectNode failures = n.putObject("failures");
    s.failures().forEach((c, v) -> failures.put(c.wireName(), v));
    ObjectNode sources = n.putObject("token_sources");
    s.tokenSources().forEach((t, v) -> sources.put(t.wireName(), v));
    n.put("output_tokens", s.outputTokens());
    n.put("usage_tokens", s.usageTokens());
    n.put("usage_fragments", s.usageFragments());
    if (s.firstSendEpochNanos() == Long.MAX_VALUE) {
      n.putNull("first_send_epoch_ns");
      n.putNull("last_finish_epoch_ns");
    } else {
      n.put("first_send_epoch_ns", s.firstSendEpochNanos());
      n.put("last_finish_epoch_ns", s.lastFinishEpochNanos());
    }
    ObjectNode reasons = n.putObject("finish_reasons");
    s.finishReasons().forEach(reasons::put);
    ObjectNode histograms = n.putObject("histograms");
    s.histograms()
        .forEach(
            (m, h) -> {
              ObjectNode e = histograms.putObject(m.wireName());
              e.put("count", h.count());
              if (h.count() > 0) {
                e.put("sum", h.sum());
                e.put("min", h.min());
                e.put("max", h.max());
              }
            });
  }

  // ---- reading ----

  /**
   * Reads a run folder's {@value #REPORT} and {@value #HISTOGRAMS}.
   *
   * @throws InvalidFolder when a file is missing, truncated or inconsistent; the message names the
   *     folder and the file
   */
  public static InjectorReport read(Path folder) throws InvalidFolder {
    JsonNode root = readReport(folder);
    Reader r = new Reader(folder, REPORT);
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new InvalidFolder(
          folder,
          REPORT,
          "has format '" + root.path("format").asText() + "', expected '" + FORMAT + "'");
    }
    JsonNode file = r.object(root, "histograms_file");
    long bytes = r.number(file, "bytes");
    Map<String, AbstractHistogram> logged = readLog(folder, bytes);
    if (logged.size() != r.number(file, "histograms")) {
      throw new InvalidFolder(
          folder,
          HISTOGRAMS,
          "holds " + logged.size() + " histograms, " + REPORT + " says " + file.get("histograms"));
    }
    JsonNode injector = r.object(root, "injector");
    int index = (int) r.number(injector, "index");
    int count = (int) r.number(injector, "count");
    if (count < 1 || index < 0 || index >= count) {
      throw new InvalidFolder(
          folder, REPORT, "has injector index " + index + " of " + count + ": not a valid pair");
    }
    Optional<Instant> startAt = Optional.empty();
    if (injector.hasNonNull("start_at")) {
      try {
        startAt = Optional.of(Instant.parse(injector.get("start_at").asText()));
      } catch (RuntimeException e) {
        throw new InvalidFolder(folder, REPORT, "has an unreadable injector.start_at", e);
      }
    }
    List<String> problems = new ArrayList<>();
    for (JsonNode p : r.array(injector, "problems")) {
      problems.add(p.asText());
    }
    JsonNode run = r.object(root, "run");
    JsonNode scopeNodes = r.object(root, "scopes");
    Map<String, AbstractHistogram> unused = new HashMap<>(logged);
    ScopeState total = null;
    TreeMap<Integer, ScopeState> steps = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = scopeNodes.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      ScopeState s = readScope(r, e.getKey(), e.getValue(), unused);
      if (e.getKey().equals(TOTAL)) {
        total = s;
      } else if (e.getKey().matches(STEP + "\\d{1,9}")) {
        steps.put(Integer.parseInt(e.getKey().substring(STEP.length())), s);
      } else {
        throw new InvalidFolder(folder, REPORT, "has an unknown scope '" + e.getKey() + "'");
      }
    }
    if (total == null) {
      throw new InvalidFolder(folder, REPORT, "lacks the scope 'total'");
    }
    if (!unused.isEmpty()) {
      throw new InvalidFolder(
          folder, HISTOGRAMS, "holds histograms " + unused.keySet() + " that " + REPORT + " lacks");
    }
    JsonNode overTime = r.object(root, "over_time");
    List<TimeBucket> buckets = new ArrayList<>();
    long width = r.number(overTime, "width_ns");
    if (width <= 0) {
      throw new InvalidFolder(folder, REPORT, "has over_time.width_ns " + width);
    }
    int i = 0;
    for (JsonNode b : r.array(overTime, "buckets")) {
      if (!b.isArray() || b.size() != 6 || !b.get(5).isObject()) {
        throw new InvalidFolder(folder, REPORT, "has a malformed over_time bucket " + b);
      }
      Map<FailureClass, Long> byClass = new EnumMap<>(FailureClass.class);
      for (Iterator<Map.Entry<String, JsonNode>> it = b.get(5).fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        try {
          byClass.put(FailureClass.fromWireName(e.getKey()), e.getValue().asLong());
        } catch (IllegalArgumentException unknown) {
          throw new InvalidFolder(
              folder, REPORT, "has an over_time bucket with an unknown failure class " + b);
        }
      }
      buckets.add(
          new TimeBucket(
              i++ * (width / 1e9),
              b.get(0).asLong(),
              b.get(1).asLong(),
              byClass,
              b.get(2).asLong(),
              b.get(3).asLong(),
              b.get(4).asLong()));
    }
    RunState state =
        new RunState(
            r.number(run, "start_epoch_ns"),
            r.number(run, "end_epoch_ns"),
            total,
            steps,
            new OverTime(r.number(overTime, "origin_epoch_ns"), width, buckets));
    Map<String, String> target = new LinkedHashMap<>();
    r.object(root, "target")
        .fields()
        .forEachRemaining(e -> target.put(e.getKey(), e.getValue().asText()));
    return new InjectorReport(
        r.text(root, "simulation"),
        r.text(root, "profile"),
        index,
        count,
        startAt,
        injector.path("start_late_ms").asDouble(0),
        readPlan(r, r.array(root, "plan")),
        readPlan(r, r.array(root, "whole_plan")),
        target,
        state,
        problems);
  }

  private static JsonNode readReport(Path folder) throws InvalidFolder {
    Path file = folder.resolve(REPORT);
    if (!Files.isDirectory(folder)) {
      throw new InvalidFolder(folder, REPORT, "cannot be read: the folder does not exist");
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw new InvalidFolder(folder, REPORT, "is empty or not a JSON object");
      }
      return root;
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new InvalidFolder(
          folder,
          REPORT,
          "is missing (the injector did not finish its run, or this is not a run folder)",
          e);
    } catch (JsonProcessingException e) {
      throw new InvalidFolder(
          folder, REPORT, "is not valid JSON (truncated?): " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidFolder(folder, REPORT, "cannot be read: " + e, e);
    }
  }

  private static Map<String, AbstractHistogram> readLog(Path folder, long expectedBytes)
      throws InvalidFolder {
    Path log = folder.resolve(HISTOGRAMS);
    long size;
    try {
      size = Files.size(log);
    } catch (IOException e) {
      throw new InvalidFolder(folder, HISTOGRAMS, "is missing", e);
    }
    if (size != expectedBytes) {
      throw new InvalidFolder(
          folder,
          HISTOGRAMS,
          "has "
              + size
              + " bytes, "
              + REPORT
              + " says "
              + expectedBytes
              + " (truncated or replaced)");
    }
    Map<String, AbstractHistogram> out = new HashMap<>();
    try (InputStream in = Files.newInputStream(log);
        HistogramLogReader reader = new HistogramLogReader(in)) {
      EncodableHistogram e;
      while ((e = reader.nextIntervalHistogram()) != null) {
        if (!(e instanceof AbstractHistogram h) || e.getTag() == null) {
          throw new InvalidFolder(folder, HISTOGRAMS, "holds an untagged or non-integer histogram");
        }
        if (out.put(e.getTag(), h) != null) {
          throw new InvalidFolder(folder, HISTOGRAMS, "holds the tag " + e.getTag() + " twice");
        }
      }
    } catch (InvalidFolder e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidFolder(folder, HISTOGRAMS, "cannot be decoded: " + e, e);
    }
    return out;
  }

  private static ScopeState readScope(
      Reader r, String scope, JsonNode n, Map<String, AbstractHistogram> logged)
      throws InvalidFolder {
    Map<FailureClass, Long> failures = new EnumMap<>(FailureClass.class);
    JsonNode f = r.object(n, "failures");
    for (FailureClass c : FailureClass.values()) {
      failures.put(c, f.path(c.wireName()).asLong(0));
    }
    Map<TokenSource, Long> sources = new EnumMap<>(TokenSource.class);
    JsonNode t = r.object(n, "token_sources");
    for (TokenSource s : TokenSource.values()) {
      sources.put(s, t.path(s.wireName()).asLong(0));
    }
    Map<String, Long> reasons = new TreeMap<>();
    r.object(n, "finish_reasons")
        .fields()
        .forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asLong()));
    Map<Metric, HistogramState> histograms = new EnumMap<>(Metric.class);
    JsonNode hs = r.object(n, "histograms");
    for (Metric m : Metric.values()) {
      JsonNode h = r.object(hs, m.wireName());
      long count = r.number(h, "count");
      String tag = scope + "/" + m.wireName();
      AbstractHistogram hist = logged.remove(tag);
      if (count == 0) {
        if (hist != null && hist.getTotalCount() > 0) {
          throw r.invalid("says " + tag + " is empty, " + HISTOGRAMS + " does not");
        }
        continue;
      }
      if (hist == null || hist.getTotalCount() != count) {
        throw r.invalid(
            "says "
                + tag
                + " holds "
                + count
                + " values, "
                + HISTOGRAMS
                + " has "
                + (hist == null ? "no such histogram" : hist.getTotalCount()));
      }
      histograms.put(
          m, new HistogramState(hist, r.number(h, "sum"), r.number(h, "min"), r.number(h, "max")));
    }
    boolean none = n.path("first_send_epoch_ns").isNull();
    return new ScopeState(
        r.number(n, "started"),
        r.number(n, "completed"),
        failures,
        sources,
        r.number(n, "output_tokens"),
        r.number(n, "usage_tokens"),
        r.number(n, "usage_fragments"),
        none ? Long.MAX_VALUE : r.number(n, "first_send_epoch_ns"),
        none ? Long.MIN_VALUE : r.number(n, "last_finish_epoch_ns"),
        histograms,
        reasons);
  }

  private static List<StepPlan> readPlan(Reader r, JsonNode array) throws InvalidFolder {
    List<StepPlan> out = new ArrayList<>();
    for (JsonNode n : array) {
      JsonNode rate = n.path("offered_rate_per_s");
      try {
        out.add(
            new StepPlan(
                (int) r.number(n, "index"),
                r.text(n, "name"),
                rate.isNumber() ? rate.asDouble() : Double.NaN,
                (int) r.number(n, "concurrency"),
                Duration.ofNanos(r.number(n, "start_offset_ns")),
                Duration.ofNanos(r.number(n, "duration_ns"))));
      } catch (IllegalArgumentException e) {
        throw r.invalid("has an invalid plan step: " + e.getMessage());
      }
    }
    return out;
  }

  /** Reads required fields of the report, naming the folder and the field when one is missing. */
  private record Reader(Path folder, String file) {
    InvalidFolder invalid(String problem) {
      return new InvalidFolder(folder, file, problem);
    }

    JsonNode object(JsonNode parent, String field) throws InvalidFolder {
      JsonNode n = parent.get(field);
      if (n == null || !n.isObject()) {
        throw invalid("lacks the object '" + field + "' (truncated?)");
      }
      return n;
    }

    JsonNode array(JsonNode parent, String field) throws InvalidFolder {
      JsonNode n = parent.get(field);
      if (n == null || !n.isArray()) {
        throw invalid("lacks the array '" + field + "' (truncated?)");
      }
      return n;
    }

    long number(JsonNode parent, String field) throws InvalidFolder {
      JsonNode n = parent.get(field);
      if (n == null || !n.isIntegralNumber()) {
        throw invalid("lacks the whole number '" + field + "' (truncated?)");
      }
      return n.asLong();
    }

    String text(JsonNode parent, String field) throws InvalidFolder {
      JsonNode n = parent.get(field);
      if (n == null || !n.isTextual()) {
        throw invalid("lacks the text '" + field + "' (truncated?)");
      }
      return n.asText();
    }
  }
}
