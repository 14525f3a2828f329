package dev.streamload.injector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether one injector's run is a clean share of the load, so that a merged result can say
 * which injectors failed: its steps must have started on time (within {@link #START_TOLERANCE} of
 * the common start instant) and no stream may have been left in flight at its end.
 */
public final class InjectorHealth {

  /** How late an injector's steps may start and still line up with the others' steps. */
  public static final Duration START_TOLERANCE = Duration.ofSeconds(1);

  private InjectorHealth() {}

  /**
   * The reasons this injector's run is not clean; empty when it is.
   *
   * @param startLateMs how long after the start instant it let Gatling start injecting, ms
   * @param inFlightAtEnd streams started but not finished when the run ended
   */
  public static List<String> problems(double startLateMs, long inFlightAtEnd) {
    List<String> out = new ArrayList<>();
    if (startLateMs > START_TOLERANCE.toMillis()) {
      out.add(
          String.format(
              Locale.ROOT,
              "it started injecting %.0f ms after injector.startAt (more than %d ms): its steps"
                  + " do not line up with the other injectors' steps",
              startLateMs,
              START_TOLERANCE.toMillis()));
    }
    if (inFlightAtEnd > 0) {
      out.add(inFlightAtEnd + " stream(s) still in flight when the run ended (cut short)");
    }
    return out;
  }
}
