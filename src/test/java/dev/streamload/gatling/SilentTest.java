package dev.streamload.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.stats.StatsEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.Option;

class SilentTest {

  /** Records every call that reaches the real engine. */
  private static StatsEngine recording(List<String> calls) {
    return Fakes.of(
        StatsEngine.class,
        (proxy, method, args) -> {
          calls.add(method.getName());
          return null;
        });
  }

  @Test
  void everyRowTheActionsLogIsDroppedAndTheEngineItselfIsStillReached() {
    List<String> calls = new ArrayList<>();
    StatsEngine muted = Silent.mute(recording(calls));
    scala.collection.immutable.List<String> noGroups =
        scala.collection.immutable.List$.MODULE$.empty();
    muted.logResponse(
        "s", noGroups, "stream connect", 1, 2, OK$.MODULE$, Option.empty(), Option.empty());
    muted.logResponse(
        "s", noGroups, "stream", 1, 2, KO$.MODULE$, Option.empty(), Option.apply("x"));
    muted.logRequestCrash("s", noGroups, "stream close", "boom");
    muted.logUserStart("s");
    muted.logUserEnd("s");
    assertEquals(List.of(), calls, "nothing the warm-up logs reaches Gatling's report");
    muted.start();
    assertEquals(List.of("start"), calls, "other calls go to the real engine");
    assertTrue(muted.toString().startsWith("Silent.mute("));
    assertEquals(muted, muted);
  }
}
