package dev.streamload.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamload.config.Settings;
import dev.streamload.config.SloConfig;
import io.gatling.javaapi.core.Assertion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each SLO property becomes one Gatling assertion on the project's own row, with the configured
 * bound in whole milliseconds; the end-to-end proof that a missed one fails the run is {@code
 * SloExitStatusTest}.
 */
class SlosTest {

  private static List<Object> assertions(Map<String, String> props) {
    return Slos.assertions(SloConfig.read(new Settings(props, Map.of()))).stream()
        .map(a -> (Object) a.asScala())
        .toList();
  }

  private static List<Object> expected(Assertion... assertions) {
    return List.of(assertions).stream().map(a -> (Object) a.asScala()).toList();
  }

  @Test
  void noSloPropertyAddsNoAssertion() {
    assertEquals(List.of(), assertions(Map.of()));
  }

  @Test
  void everySloPropertyIsOneAssertionOnItsOwnRowInMilliseconds() {
    assertEquals(
        expected(
            details("ttft").responseTime().percentile(95).lte(1500),
            details("inter-fragment gap").responseTime().percentile(99).lte(80),
            details("tpot").responseTime().percentile(95).lte(40),
            details("stream").responseTime().percentile(95).lte(120_000),
            details("stream").failedRequests().percent().lte(2.5)),
        assertions(
            Map.of(
                "slo.ttftP95", "1500ms",
                "slo.itlP99", "80ms",
                "slo.tpotP95", "40ms",
                "slo.e2eP95", "2m",
                "slo.maxFailedPercent", "2.5")));
  }

  @Test
  void aSingleSloPropertyAddsOnlyItsAssertion() {
    assertEquals(
        expected(details("stream").failedRequests().percent().lte(0.0)),
        assertions(Map.of("slo.maxFailedPercent", "0")));
  }
}
