package dev.streamload.verdict;

import dev.streamload.metrics.Distribution;
import dev.streamload.metrics.StepSummary;
import dev.streamload.stream.FailureClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Renders a {@link Verdict} as the plain-text table printed at the end of every run. */
public final class VerdictText {

  private static final String[] HEADER = {
    "step",
    "offered/s",
    "achieved/s",
    "started",
    "completed",
    "ttft p50",
    "ttft p95",
    "e2e mean",
    "e2e p95",
    "e2e max",
    "failures",
    "SLOs"
  };

  private VerdictText() {}

  /** The table, one string per line, then the capacity line when there is one. */
  public static List<String> lines(Verdict verdict) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (StepVerdict v : verdict.steps()) {
      StepSummary s = v.step();
      rows.add(
          new String[] {
            s.name(),
            rate(s.offeredRatePerSecond()),
            rate(s.achievedRatePerSecond()),
            Long.toString(s.started()),
            percent(v.completedPercent()),
            millis(s.ttft().isEmpty() ? Double.NaN : s.ttft().p50()),
            millis(s.ttft().isEmpty() ? Double.NaN : s.ttft().p95()),
            millis(mean(s.e2e())),
            millis(s.e2e().isEmpty() ? Double.NaN : s.e2e().p95()),
            millis(s.e2e().isEmpty() ? Double.NaN : s.e2e().max()),
            failures(s),
            slos(verdict, v)
          });
    }
    List<String> out = table(rows);
    capacityLine(verdict).ifPresent(out::add);
    return out;
  }

  /** The capacity sentence, when the verdict has a capacity. */
  static Optional<String> capacityLine(Verdict verdict) {
    return verdict
        .capacity()
        .map(
            c -> {
              StringBuilder b = new StringBuilder("capacity: ");
              if (c.lastGood().isEmpty()) {
                b.append("not found, the first step already missed its SLOs");
              } else {
                StepSummary good = c.lastGood().get().step();
                b.append(good.name())
                    .append(" (achieved ")
                    .append(rate(good.achievedRatePerSecond()))
                    .append("/s) is the highest step that met every SLO");
              }
              if (c.firstMiss().isPresent()) {
                StepVerdict miss = c.firstMiss().get();
                b.append("; ")
                    .append(miss.step().name())
                    .append(" missed ")
                    .append(
                        miss.missed().stream()
                            .map(VerdictText::missed)
                            .collect(Collectors.joining(", ")));
              } else {
                b.append("; every step that ran met them, so the limit is above it");
              }
              if (verdict.stoppedEarly()) {
                b.append(" (load stopped early, slo.stopOnMiss)");
              }
              return b.toString();
            });
  }

  /** e.g. {@code ttft p95 2310.4 ms > 2000 ms}, or {@code ttft p95 (no successful stream)}. */
  public static String missed(StepVerdict.Check c) {
    Slo slo = c.slo();
    String label = slo.figure().label();
    if (Double.isNaN(c.actual())) {
      return label + " (no successful stream)";
    }
    if (slo.isTime()) {
      return label + " " + millis(c.actual()) + " > " + millis(slo.limit());
    }
    return label + " " + percent(c.actual()) + " > " + percent(slo.limit());
  }

  private static String slos(Verdict verdict, StepVerdict v) {
    if (verdict.slos().isEmpty()) {
      return "-";
    }
    if (!v.ran()) {
      return "not run";
    }
    if (verdict.afterStop(v)) {
      return "cut short by the stop";
    }
    if (v.met()) {
      return "met";
    }
    return "missed "
        + v.missed().stream().map(c -> c.slo().figure().label()).collect(Collectors.joining(", "));
  }

  private static String failures(StepSummary s) {
    long finished = s.completed() + s.failed();
    if (s.failed() == 0 || finished == 0) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    for (FailureClass c : FailureClass.values()) {
      long n = s.failures(c);
      if (n > 0) {
        parts.add(c.wireName() + " " + percent(100.0 * n / finished));
      }
    }
    return String.join(", ", parts);
  }

  private static double mean(Distribution d) {
    return d.isEmpty() ? Double.NaN : d.mean();
  }

  private static String rate(double perSecond) {
    return Double.isNaN(perSecond) ? "-" : String.format(Locale.ROOT, "%.2f", perSecond);
  }

  private static String percent(double p) {
    return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.1f%%", p);
  }

  private static String millis(double nanos) {
    return Double.isNaN(nanos) ? "-" : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  private static List<String> table(List<String[]> rows) {
    int[] width = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean left = i == 0 || i >= row.length - 2;
        String cell = row[i];
        String pad = " ".repeat(width[i] - cell.length());
        b.append(left ? cell + pad : pad + cell);
        if (i < row.length - 1) {
          b.append("  ");
        }
      }
      out.add(b.toString().stripTrailing());
    }
    return out;
  }
}
