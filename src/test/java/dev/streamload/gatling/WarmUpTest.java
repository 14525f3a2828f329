package dev.streamload.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.stream.EventKind;
import dev.streamload.stream.EventParser;
import dev.streamload.stream.StreamDialect;
import dev.streamload.stream.StreamLimits;
import dev.streamload.stream.StreamResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  static final StreamLimits LIMITS =
      new StreamLimits(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10));

  @Test
  void theMadeUpEventsAreTextOfTheRunsDialectSoTheWholeTextPathIsWarmed() {
    for (StreamDialect dialect : List.of(StreamDialect.projectDefault(), StreamDialect.openAi())) {
      String event = "{\"data\":" + WarmUp.textEvent(dialect) + "}";
      assertEquals(
          EventKind.TEXT, new EventParser(dialect).parse(event).kind(), dialect + ": " + event);
    }
  }

  @Test
  void everyMadeUpStreamCompletesAndGoesToTheScratchRecorderOnly() {
    List<StreamResult> recorded = new ArrayList<>();
    long events = WarmUp.run(StreamDialect.openAi(), LIMITS, recorded::add);

    assertTrue(recorded.size() > 0 && recorded.size() <= WarmUp.STREAMS, "" + recorded.size());
    assertTrue(recorded.stream().allMatch(StreamResult::ok), "each made-up stream completes");
    assertEquals(WarmUp.EVENTS, recorded.get(0).fragments());
    assertEquals(recorded.size() * (WarmUp.EVENTS + 1L), events, "Gatling's decoder saw them all");
  }
}
