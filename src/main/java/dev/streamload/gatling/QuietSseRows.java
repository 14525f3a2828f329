package dev.streamload.gatling;

import io.gatling.commons.stats.KO$;
import io.gatling.core.action.Action;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import java.util.Set;

/**
 * Wraps Gatling's SSE connect action so that the KO rows Gatling writes for it ({@code stream
 * connect} on a bad status, {@code first fragment} / {@code end marker} on a timeout or a crash)
 * stay out of the report: each failed stream already has exactly one KO {@code stream} row with its
 * failure class, and Gatling's own copy of the same failure would make the errors table list every
 * cause two or three times (and once per request id for a blocked re-send). OK rows pass through
 * unchanged, so Gatling's timing of the connect and of the await sequences stays in the report.
 *
 * <p>How: the wrapped builder is built with a {@link ScenarioContext} whose {@link StatsEngine} is
 * a {@link #filter filter} around the real one. Gatling hands that engine to the stream's state
 * machine at connect time, so only this action's rows go through it. Internal API of Gatling
 * 3.16.0, kept in this adapter package and tested by {@code QuietSseRowsTest}.
 */
public final class QuietSseRows implements ActionBuilder {

  private final ActionBuilder wrapped;
  private final Set<String> quietRows;

  /**
   * @param wrapped the SSE connect (with its await sequences)
   * @param quietRows names of the rows whose KO entries are dropped
   */
  public QuietSseRows(ActionBuilder wrapped, Set<String> quietRows) {
    this.wrapped = wrapped;
    this.quietRows = Set.copyOf(quietRows);
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    io.gatling.core.action.builder.ActionBuilder inner = wrapped.asScala();
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        return inner.build(
            StatsEngines.withEngine(ctx, filter(ctx.coreComponents().statsEngine(), quietRows)),
            next);
      }
    };
  }

  /**
   * A stats engine that drops KO responses and request crashes of some rows and forwards every
   * other call to the real engine. A dynamic proxy, because one of the engine's methods takes a
   * type nested in a Scala object, which Java source cannot name.
   */
  static StatsEngine filter(StatsEngine delegate, Set<String> quietRows) {
    return StatsEngines.filtered(
        delegate,
        "QuietSseRows.filter",
        (method, args) -> {
          String name = method.getName();
          // A negative end is Gatling's note of an event no check waited for, which its own
          // engine drops too: one per event, so it stops here without a reflective call.
          return (name.equals("logResponse")
                  && ((Long) args[4] < 0
                      || (args[5] == KO$.MODULE$ && quietRows.contains((String) args[2]))))
              || (name.equals("logRequestCrash") && quietRows.contains((String) args[2]));
        });
  }
}
