package dev.streamload.merge;

import dev.streamload.metrics.DashboardWriter;
import dev.streamload.metrics.Injectors;
import dev.streamload.metrics.RunSummary;
import dev.streamload.metrics.StepSummary;
import dev.streamload.metrics.SummaryJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command line: merges the run folders of injectors that shared one load into one {@code
 * summary.json} and {@code dashboard.html} (README, "Several injectors").
 *
 * <pre>
 * mvn -q compile exec:java -Dexec.mainClass=dev.streamload.merge.MergeMain \
 *   -Dexec.args="results/a results/b results/c --out results/merged"
 * </pre>
 *
 * <p>Exit status: 0 merged, every injector present and clean; 3 merged, but an injector is missing
 * or failed (the result says which); 1 refused (bad input, nothing written); 2 wrong usage.
 */
public final class MergeMain {

  /** Exit status when every injector is present and clean. */
  public static final int OK = 0;

  /** Exit status when the input is refused; nothing is written. */
  public static final int REFUSED = 1;

  /** Exit status for wrong usage. */
  public static final int USAGE = 2;

  /** Exit status when the merge is written but an injector is missing or failed. */
  public static final int INCOMPLETE = 3;

  private static final String HELP =
      "usage: MergeMain <run folder>... [--out <folder>]\n"
          + "  Merges the run folders of injectors that shared one load (-Dinjector.count=N)\n"
          + "  into one summary.json and dashboard.html in --out (default:"
          + " results/merged-<time>).";

  private MergeMain() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != OK) {
      System.exit(status);
    }
  }

  /** Runs the command; returns its exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<Path> folders = new ArrayList<>();
    Path target = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--out")) {
        if (i + 1 >= args.length) {
          err.println("--out needs a folder\n" + HELP);
          return USAGE;
        }
        target = Path.of(args[++i]);
      } else if (a.equals("--help") || a.equals("-h")) {
        out.println(HELP);
        return OK;
      } else if (a.startsWith("--")) {
        err.println("unknown option " + a + "\n" + HELP);
        return USAGE;
      } else if (!a.isBlank()) {
        folders.add(Path.of(a));
      }
    }
    if (folders.isEmpty()) {
      err.println("no run folder given\n" + HELP);
      return USAGE;
    }
    if (target == null) {
      target =
          Path.of(
              "results",
              "merged-"
                  + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
    Merged merged;
    try {
      merged = RunMerger.merge(folders);
    } catch (MergeException e) {
      err.println(e.getMessage());
      return REFUSED;
    }
    RunSummary s = merged.summary();
    try {
      SummaryJson.write(s, target.resolve("summary.json"));
      DashboardWriter.write(s, target.resolve("dashboard.html"));
    } catch (IOException e) {
      err.println("could not write the merged result in " + target + ": " + e);
      return REFUSED;
    }
    report(out, s, target);
    Injectors i = s.meta().injectors();
    if (!i.complete()) {
      err.println(
          "the merged result is incomplete: "
              + (i.missing().isEmpty() ? "" : "injector(s) " + i.missing() + " missing; ")
              + (i.failed().isEmpty() ? "" : "injector(s) " + i.failed().keySet() + " failed")
              + " (see run.injectors in summary.json)");
      return INCOMPLETE;
    }
    return OK;
  }

  private static void report(PrintStream out, RunSummary s, Path target) {
    Injectors i = s.meta().injectors();
    StepSummary t = s.totals();
    out.printf(
        Locale.ROOT,
        "merged %d of %d injector(s) %s of %s: %d streams started, %d completed, %d failed%n",
        i.included().size(),
        i.count(),
        i.included(),
        s.meta().simulation(),
        t.started(),
        t.completed(),
        t.failed());
    for (Map.Entry<Integer, List<String>> e : i.failed().entrySet()) {
      out.println("  injector " + e.getKey() + " failed: " + String.join("; ", e.getValue()));
    }
    out.println("merged result: " + target.toAbsolutePath() + " (summary.json, dashboard.html)");
  }
}
