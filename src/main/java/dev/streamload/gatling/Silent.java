package dev.streamload.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;

/**
 * A chain whose actions write nothing to Gatling's report: every request, check, crash and group
 * row its actions log is dropped, so traffic that is not the test's (the loopback warm-up) leaves
 * no trace in the report while running exactly the code the test runs. The users that run it are
 * still started and ended by Gatling's injector, which logs them under their own scenario.
 *
 * <p>How: as {@link QuietSseRows}, the chain is built with a {@link ScenarioContext} whose {@link
 * StatsEngine} is a proxy; this one drops every {@code log*} call. Internal API of Gatling 3.16.0,
 * tested by {@code SilentTest}.
 */
public final class Silent implements ActionBuilder {

  private final ChainBuilder chain;

  public Silent(ChainBuilder chain) {
    this.chain = chain;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    io.gatling.core.structure.ChainBuilder inner = chain.wrapped;
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        return inner.build(
            StatsEngines.withEngine(ctx, mute(ctx.coreComponents().statsEngine())), next);
      }
    };
  }

  /** A stats engine that drops every {@code log*} call and forwards the rest. */
  static StatsEngine mute(StatsEngine delegate) {
    return StatsEngines.filtered(
        delegate,
        "Silent.mute",
        (method, args) ->
            method.getName().startsWith("log") && method.getReturnType() == void.class);
  }
}
