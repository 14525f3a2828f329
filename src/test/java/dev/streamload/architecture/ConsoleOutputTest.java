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
          "dev.streamload.bench.BenchReport", // bench/run.sh's report
          "dev.streamload.metrics.RecorderBenchmark", // a benchmark run by hand
          "dev.streamload.mock.MockThroughputBenchmark"); // a benchmark run by hand

  /**
   * Not an entry point, and the one exception: it runs in a JVM shutdown hook after Gatling has
   * stopped logback, so its one line (where the report was copied) can only go to stderr.
   */
  static final String SHUTDOWN_HOOK = "dev.streamload.run.GatlingReportCopy";

  static final DescribedPredicate<JavaClass> ALLOWED_TO_PRINT =
      DescribedPredicate.describe(
          "a command-line entry point " + ENTRY_POINTS + " or " + SHUTDOWN_HOOK,
          c -> {
            String outer = c.getName().split("\\$", 2)[0];
            return ENTRY_POINTS.contains(outer) || outer.equals(SHUTDOWN_HOOK);
          });

  @ArchTest
  static final ArchRule onlyEntryPointsUseTheStandardStreams =
      noClasses()
          .that(DescribedPredicate.not(ALLOWED_TO_PRINT))
          .should(ACCESS_STANDARD_STREAMS)
          .because("output goes through SLF4J, outside the command-line entry points");
}
