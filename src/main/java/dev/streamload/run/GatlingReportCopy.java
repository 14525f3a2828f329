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
 * plugin 4.21.9) and only after {@code after()} returns, so {@link ConsoleEnd} calls this from a
 * JVM shutdown hook: it copies summary.json and dashboard.html into the report folder, and the
 * report into {@code results/<run>/gatling/}.
 */
final class GatlingReportCopy {

  private static final Logger LOG = LoggerFactory.getLogger(GatlingReportCopy.class);

  private GatlingReportCopy() {}

  /** Where the Maven plugin writes Gatling's reports. */
  static Path reportsDir() {
    return Path.of(System.getProperty("gatling.reports.dir", "target/gatling")).toAbsolutePath();
  }

  /**
   * Copies the newest report of {@code simulation} written since {@code notBeforeMillis} into
   * {@code outputDir/gatling}; returns the report folder it copied, empty when there was none (e.g.
   * {@code -Dgatling.noReports=true}) or the copy failed (said on stderr).
   */
  static Optional<Path> copy(
      Path reports, String simulation, Path outputDir, long notBeforeMillis) {
    Optional<Path> report = newestReport(reports, simulation, notBeforeMillis);
    if (report.isEmpty()) {
      return Optional.empty();
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
      return report;
    } catch (IOException e) {
      // Plain stderr: logging may already be shut down in a shutdown hook.
      System.err.println(
          "streamload: could not copy the Gatling report " + report.get() + ": " + e);
      return Optional.empty();
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
