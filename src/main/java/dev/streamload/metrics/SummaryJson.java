package dev.streamload.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.streamload.stream.FailureClass;
import dev.streamload.stream.TokenSource;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link RunSummary} as {@code summary.json}; the format is documented field by field in
 * {@code docs/metrics.md}. Times are milliseconds with 3 fraction digits, rates are per second, and
 * values that are not defined (no data, closed model) are {@code null}.
 */
public final class SummaryJson {

  /** Bumped when a field changes meaning or disappears; new fields do not bump it. */
  public static final int SCHEMA_VERSION = 1;

  static final String CLOCK =
      "intervals from System.nanoTime (monotonic, ns, printed as ms);"
          + " wall clock only for start/end";

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private SummaryJson() {}

  /** More members written at the end of the top-level object (e.g. the run's verdict). */
  @FunctionalInterface
  public interface Extra {
    /** Writes whole members ({@code "name": value}) into the object {@code g} is writing. */
    void write(JsonGenerator g) throws IOException;

    /** No extra member. */
    Extra NONE = g -> {};
  }

  /** Writes {@code summary} to {@code file} (via a temporary file, then a move). */
  public static void write(RunSummary summary, Path file) throws IOException {
    write(summary, file, Extra.NONE);
  }

  /** Writes {@code summary} and {@code extra} to {@code file} (via a temporary file). */
  public static void write(RunSummary summary, Path file, Extra extra) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      write(summary, w, extra);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The summary as a pretty-printed JSON string. */
  public static String toJson(RunSummary summary) {
    StringWriter w = new StringWriter();
    try {
      write(summary, w, Extra.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private static void write(RunSummary s, Writer out, Extra extra) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      DefaultIndenter lf = new DefaultIndenter("  ", "\n");
      g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(lf).withArrayIndenter(lf));
      g.writeStartObject();
      g.writeNumberField("schema_version", SCHEMA_VERSION);
      writeRun(g, s);
      g.writeFieldName("totals");
      writeStep(g, s.totals());
      g.writeArrayFieldStart("steps");
      for (StepSummary step : s.steps()) {
        writeStep(g, step);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("percentiles_over_time");
      JsonNumbers.decimal(g, "bucket_s", s.bucketSeconds());
      g.writeArrayFieldStart("buckets");
      for (TimeBucket b : s.overTime()) {
        g.writeRawValue(compact(b));
      }
      g.writeEndArray();
      g.writeEndObject();
      extra.write(g);
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static void writeRun(JsonGenerator g, RunSummary s) throws IOException {
    g.writeObjectFieldStart("run");
    g.writeStringField("simulation", s.meta().simulation());
    g.writeStringField("profile", s.meta().profile());
    g.writeStringField("profile_description", s.meta().profileDescription());
    g.writeStringField("start", s.start().toString());
    g.writeStringField("end", s.end().toString());
    JsonNumbers.decimal(g, "duration_s", s.durationSeconds());
    g.writeStringField("clock", CLOCK);
    g.writeObjectFieldStart("target");
    for (Map.Entry<String, String> e : s.meta().target().entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    writeInjectors(g, s.meta().injectors());
    g.writeEndObject();
  }

  private static void writeInjectors(JsonGenerator g, Injectors i) throws IOException {
    g.writeObjectFieldStart("injectors");
    g.writeNumberField("count", i.count());
    g.writeBooleanField("merged", i.merged());
    g.writeArrayFieldStart("included");
    for (int n : i.included()) {
      g.writeNumber(n);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("missing");
    for (int n : i.missing()) {
      g.writeNumber(n);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("failed");
    for (Map.Entry<Integer, List<String>> e : i.failed().entrySet()) {
      g.writeStartObject();
      g.writeNumberField("index", e.getKey());
      g.writeArrayFieldStart("problems");
      for (String p : e.getValue()) {
        g.writeString(p);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    if (i.startAt().isPresent()) {
      g.writeStringField("start_at", i.startAt().get().toString());
    } else {
      g.writeNullField("start_at");
    }
    g.writeBooleanField("complete", i.complete());
    g.writeEndObject();
  }

  private static void writeStep(JsonGenerator g, StepSummary s) throws IOException {
    g.writeStartObject();
    g.writeNumberField("index", s.index());
    g.writeStringField("name", s.name());
    JsonNumbers.decimal(g, "offered_rate_per_s", s.offeredRatePerSecond());
    g.writeNumberField("concurrency", s.concurrency());
    JsonNumbers.decimal(g, "start_offset_s", s.startOffset().toNanos() / 1e9);
    JsonNumbers.decimal(g, "duration_s", s.duration().toNanos() / 1e9);
    JsonNumbers.decimal(g, "achieved_rate_per_s", s.achievedRatePerSecond());
    g.writeObjectFieldStart("streams");
    g.writeNumberField("started", s.started());
    g.writeNumberField("completed", s.completed());
    g.writeNumberField("failed", s.failed());
    g.writeNumberField("in_flight", s.inFlight());
    g.writeEndObject();
    g.writeObjectFieldStart("failures");
    for (FailureClass c : FailureClass.values()) {
      g.writeNumberField(c.wireName(), s.failures(c));
    }
    g.writeEndObject();
    g.writeObjectFieldStart("finish_reasons");
    for (Map.Entry<String, Long> e : s.finishReasons().entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    JsonNumbers.decimal(g, "good_fraction", s.goodFraction());
    g.writeObjectFieldStart("distributions");
    writeMillis(g, "ttft_ms", s.ttft());
    writeMillis(g, "itl_ms", s.itl());
    writeMillis(g, "tpot_ms", s.tpot());
    writeMillis(g, "e2e_ms", s.e2e());
    writeMillis(g, "time_to_headers_ms", s.timeToHeaders());
    writeMillis(g, "schedule_lag_ms", s.scheduleLag());
    writeMillis(g, "ttft_from_schedule_ms", s.ttftFromSchedule());
    g.writeEndObject();
    writeCounts(g, "output_tokens", s.outputTokens());
    writeCounts(g, "fragments", s.fragments());
    writeRate(g, "output_tokens_per_s_per_stream", s.outputRate(), s.outputRateLow());
    g.writeNumberField("output_tokens_total", s.outputTokensTotal());
    JsonNumbers.decimal(g, "output_tokens_per_s", s.outputTokensPerSecond());
    JsonNumbers.decimal(g, "streams_per_s", s.streamsPerSecond());
    JsonNumbers.decimal(g, "window_s", s.windowSeconds());
    g.writeObjectFieldStart("token_source");
    for (TokenSource t : TokenSource.values()) {
      g.writeNumberField(t.wireName(), s.tokenSources().getOrDefault(t, 0L));
    }
    g.writeEndObject();
    JsonNumbers.decimal(g, "mean_tokens_per_fragment", s.meanTokensPerFragment());
    g.writeEndObject();
  }

  /** Writes a value of a distribution: nanoseconds as milliseconds, or a plain count. */
  private interface ValueWriter {
    void write(JsonGenerator g, String name, long value) throws IOException;
  }

  /** Writes the "mean" field, in the distribution's own format. */
  private interface MeanWriter {
    void write() throws IOException;
  }

  private static void writeMillis(JsonGenerator g, String field, Distribution d)
      throws IOException {
    writeDistribution(
        g,
        field,
        d,
        JsonNumbers::millis,
        () -> g.writeNumberField("mean", JsonNumbers.millis(Math.round(d.mean()))));
  }

  private static void writeCounts(JsonGenerator g, String field, Distribution d)
      throws IOException {
    writeDistribution(
        g,
        field,
        d,
        JsonGenerator::writeNumberField,
        () -> JsonNumbers.decimal(g, "mean", d.mean()));
  }

  /**
   * A distribution recorded in thousandths, printed as decimals with 3 fraction digits, with its
   * low percentiles (p1, p5, p10) after {@code min}: for a rate the slow tail is the low end.
   */
  private static void writeRate(JsonGenerator g, String field, Distribution d, LowPercentiles low)
      throws IOException {
    g.writeObjectFieldStart(field);
    g.writeNumberField("count", d.count());
    String[] names = {"min", "p1", "p5", "p10", "mean", "p50", "p90", "p95", "p99", "max"};
    if (d.isEmpty()) {
      for (String f : names) {
        g.writeNullField(f);
      }
    } else {
      double[] values = {
        d.min(), low.p1(), low.p5(), low.p10(), d.mean(), d.p50(), d.p90(), d.p95(), d.p99(),
        d.max()
      };
      for (int i = 0; i < names.length; i++) {
        JsonNumbers.decimal(g, names[i], values[i] / 1000);
      }
    }
    g.writeEndObject();
  }

  private static void writeDistribution(
      JsonGenerator g, String field, Distribution d, ValueWriter value, MeanWriter mean)
      throws IOException {
    g.writeObjectFieldStart(field);
    g.writeNumberField("count", d.count());
    if (d.isEmpty()) {
      for (String f : new String[] {"min", "mean", "p50", "p90", "p95", "p99", "max"}) {
        g.writeNullField(f);
      }
    } else {
      value.write(g, "min", d.min());
      mean.write();
      value.write(g, "p50", d.p50());
      value.write(g, "p90", d.p90());
      value.write(g, "p95", d.p95());
      value.write(g, "p99", d.p99());
      value.write(g, "max", d.max());
    }
    g.writeEndObject();
  }

  /** One bucket on one line, so a long run's series stays readable. */
  private static String compact(TimeBucket b) throws IOException {
    StringWriter w = new StringWriter(128);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      JsonNumbers.decimal(g, "t_s", b.startSeconds());
      g.writeNumberField("completed", b.completed());
      g.writeNumberField("failed", b.failed());
      if (!b.failures().isEmpty()) {
        g.writeObjectFieldStart("failures");
        for (FailureClass c : FailureClass.values()) {
          Long n = b.failures().get(c);
          if (n != null) {
            g.writeNumberField(c.wireName(), n);
          }
        }
        g.writeEndObject();
      }
      JsonNumbers.millis(g, "ttft_p50_ms", b.ttftP50Nanos());
      JsonNumbers.millis(g, "ttft_p95_ms", b.ttftP95Nanos());
      JsonNumbers.millis(g, "itl_p95_ms", b.itlP95Nanos());
      g.writeEndObject();
    }
    return w.toString();
  }
}
