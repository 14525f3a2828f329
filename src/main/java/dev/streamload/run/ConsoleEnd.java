package dev.streamload.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes the console end with the run's closing lines (outcome, blocked re-sends, every output file)
 * after Gatling's own output: Gatling prints its statistics and writes its report after {@code
 * after()} returns, so the lines are printed from a JVM shutdown hook, right after the report has
 * been copied into the run folder ({@link GatlingReportCopy}).
 *
 * <p>A JVM that runs Gatling in-process (tests) does not exit after a run: it calls {@link
 * #takePending()} instead, which does the same work at once and returns the lines.
 */
public final class ConsoleEnd {

  /** One finished run waiting for its closing lines. */
  private record Pending(
      String simulation,
      Path outputDir,
      List<String> outcome,
      Path reports,
      long notBeforeMillis) {}

  /** A report older than the run's end minus this is not the run's own. */
  private static final long REPORT_AGE_SLACK_MILLIS = 5_000;

  private static final Queue<Pending> PENDING = new ConcurrentLinkedQueue<>();
  private static final AtomicBoolean HOOK_ADDED = new AtomicBoolean();

  private ConsoleEnd() {}

  /**
   * Schedules the closing lines of a run for the end of the JVM.
   *
   * @param simulation simulation name (Gatling's report folder starts with it, lower case)
   * @param outputDir the run folder
   * @param outcome the lines before the list of files (outcome, blocked re-sends)
   */
  static void atExit(String simulation, Path outputDir, List<String> outcome) {
    PENDING.add(
        new Pending(
            simulation,
            outputDir,
            List.copyOf(outcome),
            GatlingReportCopy.reportsDir(),
            System.currentTimeMillis() - REPORT_AGE_SLACK_MILLIS));
    if (HOOK_ADDED.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    // Plain stdout: logging may already be shut down in a shutdown hook.
                    takePending().forEach(System.out::println);
                    System.out.flush();
                  },
                  "streamload-console-end"));
    }
  }

  /**
   * Copies Gatling's report of every run still pending into its run folder and returns the closing
   * lines of those runs, without printing them; afterwards nothing is pending. For JVMs that run
   * Gatling in-process and do not exit after a run.
   */
  public static List<String> takePending() {
    List<String> lines = new ArrayList<>();
    Pending p;
    while ((p = PENDING.poll()) != null) {
      Optional<Path> report =
          GatlingReportCopy.copy(p.reports(), p.simulation(), p.outputDir(), p.notBeforeMillis());
      lines.addAll(p.outcome());
      lines.addAll(ClosingLines.files(p.outputDir(), report.map(r -> r.resolve("index.html"))));
    }
    return lines;
  }
}
