package dev.streamload.metrics;

import static dev.streamload.metrics.Svg.esc;
import static dev.streamload.metrics.Svg.num;

import dev.streamload.stream.FailureClass;
import dev.streamload.stream.TokenSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongToDoubleFunction;

/**
 * Writes {@code dashboard.html}: one self-contained page (inline CSS and SVG, no executable script,
 * no network) with the totals, latency and flow (per-stream output rate, fragments) percentiles per
 * step, percentiles over time, offered vs achieved rate, failures by class and finish reasons. The
 * summary JSON is embedded for reuse.
 */
public final class DashboardWriter {

  private static final String P50 = "#4e79a7";
  private static final String P90 = "#59a14f";
  private static final String P95 = "#f28e2b";
  private static final String P99 = "#e15759";
  private static final String[] PALETTE = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
    "#7f7f7f", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5"
  };
  private static final int W = 640;
  private static final int H = 280;

  private DashboardWriter() {}

  /** Writes the page to {@code file} (via a temporary file, then a move). */
  public static void write(RunSummary summary, Path file) throws IOException {
    write(summary, List.of(), file);
  }

  /** Writes the page, with the run's connection samples, to {@code file}. */
  public static void write(RunSummary summary, List<ConnectionSample> connections, Path file)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, html(summary, connections), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The page as a string. */
  public static String html(RunSummary s) {
    return html(s, List.of());
  }

  /** The page, with the run's connection samples, as a string. */
  public static String html(RunSummary s, List<ConnectionSample> connections) {
    StringBuilder b = new StringBuilder(64 * 1024);
    String title =
        "streamload" + (s.meta().simulation().isEmpty() ? "" : " · " + s.meta().simulation());
    b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(esc(title))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>");
    header(b, s, title);
    cards(b, s.totals());
    stepTable(b, s);
    b.append("<h2>Latency and flow per step</h2><div class=\"grid\">");
    List<StepSummary> scopes = new ArrayList<>(s.steps());
    scopes.add(s.totals());
    b.append(percentiles("Time to first token (TTFT)", scopes, StepSummary::ttft));
    b.append(percentiles("Gap between text events (ITL)", scopes, StepSummary::itl));
    b.append(percentiles("Time per output token (TPOT)", scopes, StepSummary::tpot));
    b.append(percentiles("End to end (E2E)", scopes, StepSummary::e2e));
    b.append(outputRates(scopes));
    b.append(
        percentiles("Fragments per stream", scopes, StepSummary::fragments, v -> v, "fragments"));
    b.append("</div>");
    distributions(b, s);
    overTime(b, s);
    connections(b, connections);
    rates(b, s);
    failures(b, s);
    finishReasons(b, s);
    distributionTable(b, s.totals());
    b.append("<footer>Intervals from System.nanoTime (monotonic); milliseconds with 3 decimals;")
        .append(" percentiles from HdrHistogram (3 significant digits); latency over successful")
        .append(" streams only. Definitions: docs/metrics.md.</footer>");
    b.append("<script type=\"application/json\" id=\"summary-json\">")
        .append(scriptSafe(SummaryJson.toJson(s)))
        .append("</script></body></html>\n");
    return b.toString();
  }

  private static void header(StringBuilder b, RunSummary s, String title) {
    b.append("<header><h1>").append(esc(title)).append("</h1><p>");
    if (!s.meta().profile().isEmpty()) {
      b.append("profile <b>").append(esc(s.meta().profile())).append("</b> · ");
    }
    if (!s.meta().profileDescription().isEmpty()) {
      b.append(esc(s.meta().profileDescription())).append(" · ");
    }
    b.append(esc(s.start().toString()))
        .append(" → ")
        .append(esc(s.end().toString()))
        .append(" · ")
        .append(num(s.durationSeconds()))
        .append(" s</p>");
    injectors(b, s.meta().injectors());
    if (!s.meta().target().isEmpty()) {
      b.append("<p class=\"target\">");
      for (Map.Entry<String, String> e : s.meta().target().entrySet()) {
        b.append("<span>")
            .append(esc(e.getKey()))
            .append(": <code>")
            .append(esc(e.getValue()))
            .append("</code></span> ");
      }
      b.append("</p>");
    }
    b.append("</header>");
  }

  /** One line on which injectors the result comes from; nothing for a load generator alone. */
  private static void injectors(StringBuilder b, Injectors i) {
    if (i.count() == 1 && !i.merged()) {
      return;
    }
    b.append("<p class=\"injectors\">");
    if (i.merged()) {
      b.append("merged from <b>")
          .append(i.included().size())
          .append(" of ")
          .append(i.count())
          .append("</b> injectors ")
          .append(esc(i.included().toString()));
    } else {
      b.append("injector <b>")
          .append(esc(i.included().toString()))
          .append(" of ")
          .append(i.count())
          .append("</b> (its share of the load only)");
    }
    i.startAt().ifPresent(t -> b.append(" · steps started at ").append(esc(t.toString())));
    if (!i.missing().isEmpty()) {
      b.append(" · <b class=\"bad\">missing: ").append(esc(i.missing().toString())).append("</b>");
    }
    for (Map.Entry<Integer, List<String>> e : i.failed().entrySet()) {
      b.append(" · <b class=\"bad\">injector ")
          .append(e.getKey())
          .append(" failed:</b> ")
          .append(esc(String.join("; ", e.getValue())));
    }
    b.append("</p>");
  }

  private static void cards(StringBuilder b, StepSummary t) {
    b.append("<section class=\"cards\">");
    card(b, "streams started", Long.toString(t.started()));
    card(b, "completed", Long.toString(t.completed()));
    card(b, "failed", Long.toString(t.failed()));
    card(b, "good fraction", pct(t.goodFraction()));
    card(b, "TTFT p50 / p95", ms(t.ttft().p50()) + " / " + ms(t.ttft().p95()) + " ms");
    card(b, "ITL p50 / p95", ms(t.itl().p50()) + " / " + ms(t.itl().p95()) + " ms");
    card(b, "E2E p50 / p95", ms(t.e2e().p50()) + " / " + ms(t.e2e().p95()) + " ms");
    card(b, "output tokens/s", num(t.outputTokensPerSecond()));
    card(
        b,
        "tokens/s per stream p50 / p5",
        rate(t.outputRate().p50()) + " / " + rate(t.outputRateLow().p5()));
    card(b, "completed streams/s", num(t.streamsPerSecond()));
    b.append("</section>");
  }

  private static void card(StringBuilder b, String label, String value) {
    b.append("<div class=\"card\"><div class=\"v\">")
        .append(esc(value))
        .append("</div><div class=\"l\">")
        .append(esc(label))
        .append("</div></div>");
  }

  private static void stepTable(StringBuilder b, RunSummary s) {
    b.append("<h2>Steps</h2><div class=\"scroll\"><table><thead><tr>")
        .append("<th>step</th><th>offered /s</th><th>achieved /s</th><th>started</th>")
        .append("<th>completed</th><th>failed</th><th>good</th>")
        .append("<th>TTFT p50</th><th>TTFT p95</th><th>TTFT p99</th>")
        .append("<th>ITL p50</th><th>ITL p95</th><th>ITL p99</th>")
        .append("<th>TPOT p50</th><th>E2E p50</th><th>E2E p95</th>")
        .append("<th>tokens/s</th><th>streams/s</th><th>token count: usage / fragments</th>")
        .append("</tr></thead><tbody>");
    for (StepSummary step : s.steps()) {
      stepRow(b, step, false);
    }
    stepRow(b, s.totals(), true);
    b.append("</tbody></table></div><p class=\"note\">Times in ms. Offered: planned arrivals per")
        .append(" second (– for a closed model); achieved: started streams per second of the")
        .append(" step's planned duration.</p>");
  }

  private static void stepRow(StringBuilder b, StepSummary s, boolean total) {
    b.append(total ? "<tr class=\"total\">" : "<tr>");
    td(b, s.name());
    td(b, num(s.offeredRatePerSecond()));
    td(b, num(s.achievedRatePerSecond()));
    td(b, Long.toString(s.started()));
    td(b, Long.toString(s.completed()));
    td(b, Long.toString(s.failed()));
    td(b, pct(s.goodFraction()));
    td(b, ms(s.ttft().p50()));
    td(b, ms(s.ttft().p95()));
    td(b, ms(s.ttft().p99()));
    td(b, ms(s.itl().p50()));
    td(b, ms(s.itl().p95()));
    td(b, ms(s.itl().p99()));
    td(b, ms(s.tpot().p50()));
    td(b, ms(s.e2e().p50()));
    td(b, ms(s.e2e().p95()));
    td(b, num(s.outputTokensPerSecond()));
    td(b, num(s.streamsPerSecond()));
    td(
        b,
        s.tokenSources().getOrDefault(TokenSource.USAGE, 0L)
            + " / "
            + s.tokenSources().getOrDefault(TokenSource.FRAGMENTS, 0L));
    b.append("</tr>");
  }

  private static String percentiles(
      String title, List<StepSummary> scopes, Function<StepSummary, Distribution> metric) {
    return percentiles(title, scopes, metric, DashboardWriter::msValue, "ms");
  }

  /** p50, p90, p95, p99 bars per scope, values converted by {@code value} into {@code unit}. */
  private static String percentiles(
      String title,
      List<StepSummary> scopes,
      Function<StepSummary, Distribution> metric,
      LongToDoubleFunction value,
      String unit) {
    List<String> names = scopes.stream().map(StepSummary::name).toList();
    double[] p50 = new double[scopes.size()];
    double[] p90 = new double[scopes.size()];
    double[] p95 = new double[scopes.size()];
    double[] p99 = new double[scopes.size()];
    for (int i = 0; i < scopes.size(); i++) {
      Distribution d = metric.apply(scopes.get(i));
      p50[i] = d.isEmpty() ? Double.NaN : value.applyAsDouble(d.p50());
      p90[i] = d.isEmpty() ? Double.NaN : value.applyAsDouble(d.p90());
      p95[i] = d.isEmpty() ? Double.NaN : value.applyAsDouble(d.p95());
      p99[i] = d.isEmpty() ? Double.NaN : value.applyAsDouble(d.p99());
    }
    return Svg.bars(
        title,
        names,
        List.of(
            new Svg.Series("p50", P50, p50),
            new Svg.Series("p90", P90, p90),
            new Svg.Series("p95", P95, p95),
            new Svg.Series("p99", P99, p99)),
        unit,
        false,
        W,
        H);
  }

  /** Per-stream output rate per scope: the slow tail (p1, p5, p10) beside the median. */
  private static String outputRates(List<StepSummary> scopes) {
    List<String> names = scopes.stream().map(StepSummary::name).toList();
    double[] p1 = new double[scopes.size()];
    double[] p5 = new double[scopes.size()];
    double[] p10 = new double[scopes.size()];
    double[] p50 = new double[scopes.size()];
    for (int i = 0; i < scopes.size(); i++) {
      StepSummary step = scopes.get(i);
      p1[i] = rateValue(step.outputRateLow().p1());
      p5[i] = rateValue(step.outputRateLow().p5());
      p10[i] = rateValue(step.outputRateLow().p10());
      p50[i] = rateValue(step.outputRate().p50());
    }
    return Svg.bars(
        "Output rate per stream (slowest streams left)",
        names,
        List.of(
            new Svg.Series("p1", P99, p1),
            new Svg.Series("p5", P95, p5),
            new Svg.Series("p10", P90, p10),
            new Svg.Series("p50", P50, p50)),
        "tokens/s",
        false,
        W,
        H);
  }

  /** Per-step cumulative distributions (log scale) of TTFT, gaps and E2E, to read tails from. */
  private static void distributions(StringBuilder b, RunSummary s) {
    b.append("<h2>Distributions per step</h2><p class=\"note\">Share of successful streams (of")
        .append(" gaps, for ITL) at or below each time; log scale, so the tail at the right end is")
        .append(" readable. Each line is one step.</p><div class=\"grid\">");
    b.append(cdf("TTFT distribution", s.steps(), StepSummary::ttft));
    b.append(cdf("Gap between text events (ITL) distribution", s.steps(), StepSummary::itl));
    b.append(cdf("End to end (E2E) distribution", s.steps(), StepSummary::e2e));
    b.append("</div>");
  }

  private static String cdf(
      String title, List<StepSummary> steps, Function<StepSummary, Distribution> metric) {
    List<Svg.Series> series = new ArrayList<>();
    for (StepSummary step : steps) {
      Distribution d = metric.apply(step);
      if (d.isEmpty()) {
        continue;
      }
      double[] v = new double[d.quantiles().length];
      for (int i = 0; i < v.length; i++) {
        v[i] = d.quantiles()[i] / 1e6;
      }
      series.add(new Svg.Series(step.name(), PALETTE[series.size() % PALETTE.length], v));
    }
    return Svg.cdf(title, Distribution.QUANTILES, series, "ms", W, H);
  }

  /** The client's connections and the streams in flight, once a second. */
  private static void connections(StringBuilder b, List<ConnectionSample> samples) {
    if (samples.isEmpty()) {
      return;
    }
    int n = samples.size();
    double[] x = new double[n];
    double[] open = new double[n];
    double[] opened = new double[n];
    double[] inFlight = new double[n];
    for (int i = 0; i < n; i++) {
      ConnectionSample c = samples.get(i);
      x[i] = c.tSeconds();
      open[i] = c.open() < 0 ? Double.NaN : c.open();
      opened[i] = c.opened() < 0 ? Double.NaN : c.opened();
      inFlight[i] = c.streamsInFlight();
    }
    b.append("<h2>Connections</h2><p class=\"note\">Sampled once a second: the client's")
        .append(" established connections to the target, the connections opened since the")
        .append(" previous sample, and the streams in flight.</p><div class=\"grid\">");
    b.append(
        Svg.lines(
            "Connections and streams in flight",
            x,
            List.of(
                new Svg.Series("open connections", P50, open),
                new Svg.Series("opened in the last second", P95, opened),
                new Svg.Series("streams in flight", P90, inFlight)),
            "seconds since start",
            "count",
            W,
            H));
    b.append("</div>");
  }

  private static void overTime(StringBuilder b, RunSummary s) {
    List<TimeBucket> buckets = s.overTime();
    int n = buckets.size();
    double[] x = new double[n];
    double[] t50 = new double[n];
    double[] t95 = new double[n];
    double[] i95 = new double[n];
    double[] ok = new double[n];
    double[] ko = new double[n];
    for (int i = 0; i < n; i++) {
      TimeBucket t = buckets.get(i);
      x[i] = t.startSeconds();
      t50[i] = msValue(t.ttftP50Nanos());
      t95[i] = msValue(t.ttftP95Nanos());
      i95[i] = msValue(t.itlP95Nanos());
      ok[i] = t.completed() / s.bucketSeconds();
      ko[i] = t.failed() / s.bucketSeconds();
    }
    b.append("<h2>Over time</h2><p class=\"note\">Buckets of ")
        .append(num(s.bucketSeconds()))
        .append(" s by stream finish time.</p><div class=\"grid\">");
    b.append(
        Svg.lines(
            "Latency percentiles over time",
            x,
            List.of(
                new Svg.Series("TTFT p50", P50, t50),
                new Svg.Series("TTFT p95", P95, t95),
                new Svg.Series("ITL p95", P99, i95)),
            "seconds since start",
            "ms",
            W,
            H));
    b.append(
        Svg.lines(
            "Finished streams per second",
            x,
            List.of(new Svg.Series("completed/s", P90, ok), new Svg.Series("failed/s", P99, ko)),
            "seconds since start",
            "streams/s",
            W,
            H));
    List<Svg.Series> byClass = new ArrayList<>();
    for (FailureClass c : FailureClass.values()) {
      if (s.totals().failures(c) == 0) {
        continue;
      }
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = buckets.get(i).failures().getOrDefault(c, 0L) / s.bucketSeconds();
      }
      byClass.add(new Svg.Series(c.wireName(), PALETTE[c.ordinal() % PALETTE.length], v));
    }
    if (!byClass.isEmpty()) {
      b.append(
          Svg.lines(
              "Failures by class over time",
              x,
              byClass,
              "seconds since start",
              "failed streams/s",
              W,
              H));
    }
    b.append("</div>");
  }

  private static void rates(StringBuilder b, RunSummary s) {
    List<StepSummary> steps = s.steps();
    double[] offered = new double[steps.size()];
    double[] achieved = new double[steps.size()];
    double[] completed = new double[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      offered[i] = steps.get(i).offeredRatePerSecond();
      achieved[i] = steps.get(i).achievedRatePerSecond();
      completed[i] = steps.get(i).streamsPerSecond();
    }
    b.append("<h2>Arrival rate per step</h2><div class=\"grid\">");
    b.append(
        Svg.bars(
            "Offered vs achieved arrival rate, completed streams",
            steps.stream().map(StepSummary::name).toList(),
            List.of(
                new Svg.Series("offered/s", "#bab0ac", offered),
                new Svg.Series("achieved/s", P50, achieved),
                new Svg.Series("completed/s", P90, completed)),
            "streams/s",
            false,
            W,
            H));
    b.append("</div>");
  }

  private static void failures(StringBuilder b, RunSummary s) {
    List<StepSummary> steps = s.steps();
    List<FailureClass> seen = new ArrayList<>();
    for (FailureClass c : FailureClass.values()) {
      if (s.totals().failures(c) > 0) {
        seen.add(c);
      }
    }
    b.append("<h2>Failures by class</h2>");
    if (seen.isEmpty()) {
      b.append("<p class=\"note\">No failures.</p>");
      return;
    }
    List<Svg.Series> series = new ArrayList<>();
    for (FailureClass c : seen) {
      double[] v = new double[steps.size()];
      for (int i = 0; i < steps.size(); i++) {
        v[i] = steps.get(i).failures(c);
      }
      series.add(new Svg.Series(c.wireName(), PALETTE[c.ordinal() % PALETTE.length], v));
    }
    b.append("<div class=\"grid\">")
        .append(
            Svg.bars(
                "Failed streams per step by class",
                steps.stream().map(StepSummary::name).toList(),
                series,
                "streams",
                true,
                W,
                H))
        .append("<table class=\"narrow\"><thead><tr><th>class</th>");
    for (StepSummary step : steps) {
      b.append("<th>").append(esc(step.name())).append("</th>");
    }
    b.append("<th>total</th></tr></thead><tbody>");
    for (FailureClass c : seen) {
      b.append("<tr>");
      td(b, c.wireName());
      for (StepSummary step : steps) {
        td(b, Long.toString(step.failures(c)));
      }
      td(b, Long.toString(s.totals().failures(c)));
      b.append("</tr>");
    }
    b.append("</tbody></table></div>");
  }

  private static void finishReasons(StringBuilder b, RunSummary s) {
    b.append("<h2>Finish reasons</h2>");
    Map<String, Long> total = s.totals().finishReasons();
    if (total.isEmpty()) {
      b.append("<p class=\"note\">No stream sent a finish reason.</p>");
      return;
    }
    b.append("<table class=\"narrow\"><thead><tr><th>finish reason</th>");
    for (StepSummary step : s.steps()) {
      b.append("<th>").append(esc(step.name())).append("</th>");
    }
    b.append("<th>total</th></tr></thead><tbody>");
    for (Map.Entry<String, Long> reason : total.entrySet()) {
      b.append("<tr>");
      td(b, reason.getKey());
      for (StepSummary step : s.steps()) {
        td(b, Long.toString(step.finishReasons().getOrDefault(reason.getKey(), 0L)));
      }
      td(b, Long.toString(reason.getValue()));
      b.append("</tr>");
    }
    b.append("</tbody></table><p class=\"note\">Streams (successful or not) by the finish")
        .append(" reason the server sent; the reasons configured as truncated or filtered are")
        .append(" failures of those classes.</p>");
  }

  private static void distributionTable(StringBuilder b, StepSummary t) {
    b.append("<h2>All distributions (whole run)</h2><table><thead><tr><th>metric</th>")
        .append("<th>count</th><th>min</th><th>mean</th><th>p50</th><th>p90</th><th>p95</th>")
        .append("<th>p99</th><th>max</th></tr></thead><tbody>");
    msRow(b, "TTFT ms", t.ttft());
    msRow(b, "ITL ms", t.itl());
    msRow(b, "TPOT ms", t.tpot());
    msRow(b, "E2E ms", t.e2e());
    msRow(b, "time to headers ms", t.timeToHeaders());
    msRow(b, "schedule lag ms", t.scheduleLag());
    msRow(b, "TTFT from schedule ms", t.ttftFromSchedule());
    countRow(b, "output tokens per stream", t.outputTokens());
    countRow(b, "fragments per stream", t.fragments());
    rateRow(b, "output tokens/s per stream", t.outputRate());
    b.append("</tbody></table>");
  }

  private static void rateRow(StringBuilder b, String name, Distribution d) {
    b.append("<tr>");
    td(b, name);
    td(b, Long.toString(d.count()));
    td(b, rate(d.min()));
    td(b, d.isEmpty() ? "–" : num(d.mean() / 1000));
    td(b, rate(d.p50()));
    td(b, rate(d.p90()));
    td(b, rate(d.p95()));
    td(b, rate(d.p99()));
    td(b, rate(d.max()));
    b.append("</tr>");
  }

  private static void msRow(StringBuilder b, String name, Distribution d) {
    b.append("<tr>");
    td(b, name);
    td(b, Long.toString(d.count()));
    td(b, ms(d.min()));
    td(b, d.isEmpty() ? "–" : ms(Math.round(d.mean())));
    td(b, ms(d.p50()));
    td(b, ms(d.p90()));
    td(b, ms(d.p95()));
    td(b, ms(d.p99()));
    td(b, ms(d.max()));
    b.append("</tr>");
  }

  private static void countRow(StringBuilder b, String name, Distribution d) {
    b.append("<tr>");
    td(b, name);
    td(b, Long.toString(d.count()));
    for (double v : new double[] {d.min(), d.mean(), d.p50(), d.p90(), d.p95(), d.p99(), d.max()}) {
      td(b, d.isEmpty() ? "–" : num(v));
    }
    b.append("</tr>");
  }

  /** JSON that cannot end its script element: {@code < > &} only occur in strings, escaped. */
  private static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  private static void td(StringBuilder b, String text) {
    b.append("<td>").append(esc(text)).append("</td>");
  }

  private static double msValue(long nanos) {
    return nanos < 0 ? Double.NaN : nanos / 1e6;
  }

  /** A per-stream rate recorded in thousandths of a token per second, in tokens per second. */
  private static double rateValue(long thousandths) {
    return thousandths < 0 ? Double.NaN : thousandths / 1e3;
  }

  private static String rate(long thousandths) {
    return thousandths < 0 ? "–" : num(thousandths / 1e3);
  }

  private static String ms(long nanos) {
    return nanos < 0 ? "–" : JsonNumbers.millis(nanos).toPlainString();
  }

  private static String pct(double fraction) {
    return Double.isNaN(fraction) ? "–" : num(fraction * 100) + " %";
  }

  private static final String CSS =
      "body{font:14px/1.4 system-ui,-apple-system,Segoe"
          + " UI,Roboto,sans-serif;margin:24px;color:#222;background:#fafafa}h1{font-size:22px;margin:0"
          + " 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid"
          + " #ddd;padding-bottom:4px}header p{margin:2px 0;color:#555}.target"
          + " span{margin-right:12px}code{background:#eee;padding:1px 4px;border-radius:3px}"
          + ".cards{display:flex;flex-wrap:wrap;gap:10px;margin-top:16px}.card{background:#fff;border:1px"
          + " solid #ddd;border-radius:6px;padding:10px 14px;min-width:130px}.card"
          + " .v{font-size:18px;font-weight:600}.card"
          + " .l{color:#666;font-size:12px}table{border-collapse:collapse;background:#fff;font-size:12px;margin:4px"
          + " 0}th,td{border:1px solid #ddd;padding:2px 4px;text-align:right;white-space:nowrap}"
          // Step names may wrap, so the step table fits a 1300 px window; wider tables scroll.
          + "td:first-child{white-space:normal;min-width:6em}"
          + "th{background:#f0f0f0;white-space:normal;vertical-align:bottom}td:first-child,th:first-child{text-align:left}tr.total"
          + " td{font-weight:600;background:#f6f6f6}table.narrow{align-self:start}.grid{display:flex;flex-wrap:wrap;gap:16px}.chart{background:#fff;border:1px"
          + " solid #ddd;border-radius:6px}.chart .t{font-size:13px;font-weight:600}.chart"
          + " .lg{font-size:11px}.chart .xl{font-size:10.5px;text-anchor:middle;fill:#444}.chart"
          + " .yl{font-size:10.5px;text-anchor:end;fill:#444}.chart"
          + " .gl{stroke:#e6e6e6}.note{color:#666;font-size:12px}"
          + ".scroll{overflow-x:auto}footer{margin-top:32px;color:#777;font-size:12px}"
          + ".injectors .bad{color:#b00020}";
}
