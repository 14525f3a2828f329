package dev.streamload.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts Gatling's HTML report and our own files side by side. The Maven plugin always writes the
 * report to {@code target/gatling/<simulation>-<timestamp>/} (its results folder is read-only since
 * plugin 4.21.9) and only after {@code after()} returns, so this runs in a JVM shutdown hook: it
 * copies summary.json and dashboard.html into the report folder, and the report into {@code
 * results/<run>/gatling/}.
 */
final class GatlingReportCopy {

  private static final Logger LOG = LoggerFactory.getLogger(GatlingReportCopy.class);

  private GatlingReportCopy() {}

  static void afterExit(String simulation, Path outputDir) {
    long startedMillis = System.currentTimeMillis() - 5_000;
    Path reports =
        Path.of(System.getProperty("gatling.reports.dir", "target/gatling")).toAbsolutePath();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> copy(reports, simulation, outputDir, startedMillis),
                "streamload-report-copy"));
  }

  static void copy(Path reports, String simulation, Path outputDir, long notBeforeMillis) {
    Optional<Path> report = newestReport(reports, simulation, notBeforeMillis);
    if (report.isEmpty()) {
      return; // no report generated (e.g. -Dgatling.noReports=true)
    }
    try {
      for (String name : new String[] {"summary.json", "dashboard.html"}) {
        Path file = outputDir.resolve(name);
        if (Files.exists(file)) {
          Files.copy(file, report.get().resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Path target = outputDir.resolve("gatling");
      try (Stream<Path> files = Files.walk(report.get())) {
        for (Path source : (Iterable<Path>) files::iterator) {
          Path dest = target.resolve(report.get().relativize(source).toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(dest);
          } else {
            Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      // Plain stderr: logging may already be shut down in a shutdown hook.
      System.err.println("streamload: Gatling report copied to " + target.resolve("index.html"));
    } catch (IOException e) {
      System.err.println(
          "streamload: could not copy the Gatling report " + report.get() + ": " + e);
    }
  }

  static Optional<Path> newestReport(Path reports, String simulation, long notBeforeMillis) {
    if (!Files.isDirectory(reports)) {
      return Optional.empty();
    }
    String prefix = simulation.toLowerCase(Locale.ROOT) + "-";
    try (Stream<Path> dirs = Files.list(reports)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith(prefix))
          .filter(d -> Files.exists(d.resolve("index.html")))
          .filter(d -> d.toFile().lastModified() >= notBeforeMillis)
          .max(Comparator.comparing(d -> d.getFileName().toString()));
    } catch (IOException e) {
      LOG.debug("cannot list {}: {}", reports, e.toString());
      return Optional.empty();
    }
  }
}
