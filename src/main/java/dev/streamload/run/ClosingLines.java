package dev.streamload.run;

import dev.streamload.metrics.StepSummary;
import dev.streamload.stream.FailureClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lines the console ends with: how many streams completed and why the others failed, the
 * streams Gatling tried to re-send, and every file the run wrote. Plain functions of the run's
 * figures, so that what the console says is unit tested.
 */
final class ClosingLines {

  /** Prefix of every closing line, so they stand out from Gatling's output. */
  static final String PREFIX = "streamload: ";

  /** The files of a run folder, in the order listed, with what each holds. */
  private static final String[][] FILES = {
    {"summary.json", "run and per-step figures (fields: docs/metrics.md)"},
    {"dashboard.html", "charts, one self-contained page that opens offline"},
    {"streams.jsonl", "one line per stream: times, outcome, failure class"},
    {"resources.json", "what the load generator itself used: CPU, heap, GC, events"},
    {"mock.json", "what the embedded mock served (its own counters)"},
    {"injector.json", "the run's mergeable figures, for merging several injectors"},
    {"histograms.hlog", "the run's raw histograms (HdrHistogram log), for the merge"},
    {"answers.jsonl", "a sample of answer texts, only when asked for with trace.answers"},
  };

  private ClosingLines() {}

  /**
   * "5 of 5 streams completed", or "0 of 5 streams completed; failed: 5 http_401", with a hint when
   * failures cannot fail the build because no {@code slo.maxFailedPercent} is set.
   *
   * @param totals the whole run
   * @param failureSloSet whether {@code slo.maxFailedPercent} is set (then Gatling's assertion
   *     reports the verdict)
   */
  static String outcome(StepSummary totals, boolean failureSloSet) {
    StringBuilder b =
        new StringBuilder(PREFIX)
            .append(totals.completed())
            .append(" of ")
            .append(totals.started())
            .append(totals.started() == 1 ? " stream" : " streams")
            .append(" completed");
    if (totals.failed() > 0) {
      b.append("; failed: ");
      List<FailureClass> classes =
          new ArrayList<>(
              Arrays.stream(FailureClass.values()).filter(c -> totals.failures(c) > 0).toList());
      classes.sort(Comparator.comparingLong((FailureClass c) -> -totals.failures(c)));
      for (int i = 0; i < classes.size(); i++) {
        FailureClass c = classes.get(i);
        b.append(i == 0 ? "" : ", ").append(totals.failures(c)).append(' ').append(c.wireName());
      }
    }
    if (totals.inFlight() > 0) {
      b.append("; ").append(totals.inFlight()).append(" not accounted for at the end");
    }
    if (totals.failed() > 0 && !failureSloSet) {
      b.append(" (failed streams fail the build only with an SLO: -Dslo.maxFailedPercent=0)");
    }
    return b.toString();
  }

  /** Most chars of a failure detail on the console. */
  static final int DETAIL_CHARS = 300;

  /**
   * One line per failure class in which the server said why (a failed login or conversation, an
   * HTTP error status), most frequent first, at most three, with the detail of its first failure:
   * the status and the start of the server's error body. Details are already free of secrets.
   */
  static List<String> firstDetails(StepSummary totals, Map<FailureClass, String> first) {
    List<FailureClass> classes =
        new ArrayList<>(
            Arrays.stream(FailureClass.values())
                .filter(c -> totals.failures(c) > 0 && first.containsKey(c) && serverSaid(c))
                .toList());
    classes.sort(Comparator.comparingLong((FailureClass c) -> -totals.failures(c)));
    List<String> lines = new ArrayList<>();
    for (FailureClass c : classes.subList(0, Math.min(3, classes.size()))) {
      String detail = first.get(c);
      if (detail.length() > DETAIL_CHARS) {
        detail = detail.substring(0, DETAIL_CHARS) + "...";
      }
      lines.add(PREFIX + "first " + c.wireName() + ": " + detail);
    }
    return lines;
  }

  /** Failure classes whose detail carries the server's answer. */
  static boolean serverSaid(FailureClass c) {
    return c.wireName().startsWith("http_") || c.wireName().endsWith("_failed");
  }

  /**
   * The one line about blocked re-sends, when streams that ended {@code interrupted} had one.
   *
   * @param interruptedWithResend interrupted streams with at least one blocked re-send
   * @param interrupted all streams that ended interrupted
   */
  static Optional<String> resends(long interruptedWithResend, long interrupted) {
    if (interruptedWithResend <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        PREFIX
            + "Gatling tried to re-send "
            + interruptedWithResend
            + " of the "
            + interrupted
            + " 'interrupted' stream(s) on its own; each re-send was blocked before any byte of it"
            + " reached the server (see docs/gatling-sse.md)");
  }

  /**
   * The line about requests the embedded mock rejected on its own (a misspelt {@code X-Mock-*}
   * header, say), which the run reports as {@code http_4xx}.
   */
  static Optional<String> mockRejected(long badRequests, String last) {
    if (badRequests <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        PREFIX
            + "the embedded mock rejected "
            + badRequests
            + " request(s) with its own 400 (last: "
            + last
            + ")");
  }

  /**
   * Where the results are: the run folder, then each file in it that exists, with what it holds;
   * then Gatling's report, when it was copied there.
   *
   * @param outputDir the run folder
   * @param gatlingReport Gatling's own report folder (under target/gatling), when one was copied
   *     into {@code outputDir/gatling}
   */
  static List<String> files(Path outputDir, Optional<Path> gatlingReport) {
    List<String> out = new ArrayList<>();
    out.add(PREFIX + "results in " + outputDir + "/");
    for (String[] file : FILES) {
      if (Files.exists(outputDir.resolve(file[0]))) {
        out.add(String.format("  %-19s %s", file[0], file[1]));
      }
    }
    gatlingReport.ifPresent(
        report ->
            out.add(
                String.format(
                    "  %-19s %s",
                    "gatling/index.html", "Gatling's HTML report, copy of " + report)));
    return out;
  }
}
