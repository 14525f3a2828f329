package dev.streamload.gatling;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.validation.Success;
import io.gatling.core.action.Action;
import io.gatling.core.action.SessionHook;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import java.util.function.BiConsumer;
import scala.Option;

/**
 * Adds rows of our own (TTFT, gaps, TPOT, whole stream) to Gatling's report: an action that hands a
 * {@link Sink} to a callback, which writes rows through Gatling's internal {@code
 * StatsEngine.logResponse}. Gatling 3.16 has no public API for this; this class is the only user of
 * that internal, and {@code ReportRowsTest} fails if an upgrade breaks it.
 *
 * <p>Rows behave like requests: they get percentiles, charts over time, OK/KO counts, their KO
 * messages fill the errors table, and assertions can target them by name. Times are epoch
 * milliseconds, Gatling's only resolution.
 */
public final class ReportRows implements ActionBuilder {

  /** Where the callback writes its rows. */
  public interface Sink {
    /**
     * Writes one row.
     *
     * @param name row name in the report
     * @param startMillis start, epoch milliseconds
     * @param endMillis end, epoch milliseconds (the row's response time is end − start)
     * @param ok OK or KO
     * @param message KO message (error table), or null
     */
    void row(String name, long startMillis, long endMillis, boolean ok, String message);
  }

  private final BiConsumer<Session, Sink> writer;

  /** An action that calls {@code writer} with the user's session and a sink for its rows. */
  public ReportRows(BiConsumer<Session, Sink> writer) {
    this.writer = writer;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        StatsEngine stats = ctx.coreComponents().statsEngine();
        return new SessionHook(
            scalaSession -> {
              writer.accept(
                  new Session(scalaSession),
                  (name, start, end, ok, message) ->
                      stats.logResponse(
                          scalaSession.scenario(),
                          scalaSession.groups(),
                          name,
                          start,
                          end,
                          ok ? OK$.MODULE$ : KO$.MODULE$,
                          Option.empty(),
                          Option.apply(message)));
              return new Success<>(scalaSession);
            },
            "streamload report rows",
            stats,
            next);
      }
    };
  }
}
