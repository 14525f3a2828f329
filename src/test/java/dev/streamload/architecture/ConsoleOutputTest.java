package dev.streamload.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * Only the command-line entry points print to {@code System.out} / {@code System.err}; everything
 * else logs through SLF4J (whose configuration keeps secrets and per-event noise out of the
 * console). Tests included.
 */
@AnalyzeClasses(packages = "dev.streamload")
class ConsoleOutputTest {

  /**
   * Classes with a {@code main} method, run from the command line, whose output is the console;
   * their nested classes belong to them (MockThroughputBenchmark's client process prints its
   * results).
   */
  static final Set<String> ENTRY_POINTS =
      Set.of(
          "dev.streamload.mock.MockMain", // the standalone mock (mvn test-compile exec:java)
          "dev.streamload.merge.MergeMain", // the merge of several injectors' run folders
          "dev.streamload.metrics.RecorderBenchmark", // a benchmark run by hand
          "dev.streamload.bench.BenchReport", // bench/ws-level.sh's join of client and mock times
          "dev.streamload.mock.MockThroughputBenchmark"); // a benchmark run by hand

  /**
   * Not entry points, and the only exceptions: the first two run in a JVM shutdown hook after
   * Gatling has stopped logback (the run's closing lines, and where the report was copied when that
   * fails), so they can only print; the third says once why a run cannot start, then exits the JVM
   * that Gatling's own main runs (a log line would come with Gatling's stack traces around it).
   */
  static final Set<String> CONSOLE_OF_A_RUN =
      Set.of(
          "dev.streamload.run.ConsoleEnd",
          "dev.streamload.run.GatlingReportCopy",
          "dev.streamload.run.StartFailure");

  static final DescribedPredicate<JavaClass> ALLOWED_TO_PRINT =
      DescribedPredicate.describe(
          "a command-line entry point " + ENTRY_POINTS + " or " + CONSOLE_OF_A_RUN,
          c -> {
            String outer = c.getName().split("\\$", 2)[0];
            return ENTRY_POINTS.contains(outer) || CONSOLE_OF_A_RUN.contains(outer);
          });

  @ArchTest
  static final ArchRule onlyEntryPointsUseTheStandardStreams =
      noClasses()
          .that(DescribedPredicate.not(ALLOWED_TO_PRINT))
          .should(ACCESS_STANDARD_STREAMS)
          .because("output goes through SLF4J, outside the command-line entry points");
}
