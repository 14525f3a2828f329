package dev.streamload.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.core.stats.StatsEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import scala.Option;

class QuietSseRowsTest {

  /** Records what reaches the real engine (a proxy: see QuietSseRows.filter for why). */
  private static StatsEngine recording(List<String> rows) {
    return Fakes.of(
        StatsEngine.class,
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "logResponse":
              rows.add(args[2] + " " + ((Status) args[5]).name());
              break;
            case "logRequestCrash":
              rows.add(args[2] + " crash");
              break;
            case "logUserStart":
              rows.add("user start");
              break;
            default:
              break;
          }
          return null;
        });
  }

  private static void log(StatsEngine engine, String name, Status status) {
    engine.logResponse(
        "s",
        scala.collection.immutable.List$.MODULE$.empty(),
        name,
        1,
        2,
        status,
        Option.empty(),
        Option.apply("SSE crashed while waiting for check: request run-7-3"));
  }

  @Test
  void koRowsOfTheQuietNamesAreDroppedAndEverythingElseReachesTheRealEngine() {
    List<String> rows = new ArrayList<>();
    StatsEngine quiet =
        QuietSseRows.filter(recording(rows), Set.of("end marker", "stream connect"));
    log(quiet, "end marker", KO$.MODULE$);
    log(quiet, "stream connect", KO$.MODULE$);
    log(quiet, "end marker", OK$.MODULE$);
    log(quiet, "stream", KO$.MODULE$);
    log(quiet, "stream close", KO$.MODULE$);
    quiet.logRequestCrash(
        "s", scala.collection.immutable.List$.MODULE$.empty(), "stream connect", "boom");
    quiet.logRequestCrash("s", scala.collection.immutable.List$.MODULE$.empty(), "login", "boom");
    quiet.logUserStart("s");
    assertEquals(
        List.of("end marker OK", "stream KO", "stream close KO", "login crash", "user start"),
        rows);
  }

  @Test
  void gatlingsNoteOfAnUnmatchedEventWithItsNegativeEndNeverReachesTheRealEngine() {
    List<String> rows = new ArrayList<>();
    StatsEngine quiet = QuietSseRows.filter(recording(rows), Set.of("end marker"));
    // What SsePerformingCheckState logs for every event no check waited for; Gatling's own
    // engine drops it for its negative end.
    quiet.logResponse(
        "s",
        scala.collection.immutable.List$.MODULE$.empty(),
        "stream connect",
        5,
        Long.MIN_VALUE,
        OK$.MODULE$,
        Option.empty(),
        Option.empty());
    log(quiet, "stream connect", OK$.MODULE$);
    assertEquals(List.of("stream connect OK"), rows);
  }
}
