package dev.streamload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamload.simulations.ChatStreamSimulation;
import dev.streamload.testing.GatlingRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staircase of two levels (4 then 8 new users per second, one second each): every stream must be
 * counted in the level its user arrived in, in summary.json and in streams.jsonl.
 */
class StepAttributionTest {

  /** A user due right at the level boundary may land on either side of it (timer jitter). */
  static final int BOUNDARY_USERS = 1;

  @TempDir Path dir;

  @Test
  void eachStreamCountsInTheLevelItsUserArrivedIn() {
    Map<String, String> s = new HashMap<>();
    s.put("profile", "staircase");
    s.put("staircase.startRate", "4");
    s.put("staircase.stepRate", "4");
    s.put("staircase.steps", "2");
    s.put("staircase.stepDuration", "1s");
    s.put("mock.ttftMs", "20");
    s.put("mock.fragments", "3");
    s.put("mock.gapMs", "5");

    GatlingRun.Result run = GatlingRun.run(ChatStreamSimulation.class, s, dir);

    assertEquals(12, run.streams("completed"), run.summary().toString());
    JsonNode steps = run.summary().path("steps");
    assertEquals(2, steps.size(), steps.toString());
    long first = steps.get(0).path("streams").path("started").asLong();
    long second = steps.get(1).path("streams").path("started").asLong();
    assertEquals(12, first + second);
    assertTrue(Math.abs(first - 4) <= BOUNDARY_USERS, "level 1 started " + first + ", planned 4");
    assertTrue(Math.abs(second - 8) <= BOUNDARY_USERS, "level 2 started " + second + ", planned 8");
    long tracedInSecond = run.streams().stream().filter(l -> l.path("step").asInt() == 1).count();
    assertEquals(second, tracedInSecond, "streams.jsonl agrees with summary.json");
  }
}
