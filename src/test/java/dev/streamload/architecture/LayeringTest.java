package dev.streamload.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering the README and docs describe, on the product classes (src/main/java): parsing,
 * timing, classification and metrics are plain Java, and only the adapter package reaches into
 * Gatling's internals.
 */
@AnalyzeClasses(packages = "dev.streamload", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  /** Gatling's public Java DSL; everything else under io.gatling is internal. */
  static final String GATLING_JAVA_API = "io.gatling.javaapi..";

  @ArchTest
  static final ArchRule streamAndMetricsUseNoGatlingTypes =
      noClasses()
          .that()
          .resideInAnyPackage("dev.streamload.stream..", "dev.streamload.metrics..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.gatling..", "scala..")
          .because("stream/ and metrics/ are Gatling-free, unit tested on recorded events");

  @ArchTest
  static final ArchRule streamAndMetricsDependOnNoLayerAboveThem =
      noClasses()
          .that()
          .resideInAnyPackage("dev.streamload.stream..", "dev.streamload.metrics..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.streamload.gatling..",
              "dev.streamload.chains..",
              "dev.streamload.load..",
              "dev.streamload.run..",
              "dev.streamload.mock..")
          .because("the Gatling layers use stream/ and metrics/, never the other way round");

  /** A Gatling class outside its public Java DSL (the DSL's own internal packages included). */
  static final DescribedPredicate<JavaClass> GATLING_INTERNAL =
      resideInAPackage("io.gatling..")
          .and(
              not(resideInAPackage(GATLING_JAVA_API))
                  .or(resideInAPackage("io.gatling.javaapi.*.internal..")))
          .as(
              "Gatling internals (io.gatling.. outside io.gatling.javaapi.., or its internal packages)");

  @ArchTest
  static final ArchRule onlyTheAdapterPackageTouchesGatlingInternals =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.streamload.gatling..")
          .should()
          .dependOnClassesThat(GATLING_INTERNAL)
          .because(
              "Gatling internals change without notice; dev.streamload.gatling is the one place"
                  + " that uses them (SseInternalsTest and ReportRowsTest pin them)");
}
