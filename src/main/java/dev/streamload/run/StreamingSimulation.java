package dev.streamload.run;

import dev.streamload.config.RunConfig.Dialect;
import dev.streamload.load.Injection;
import dev.streamload.load.Protocols;
import dev.streamload.load.Slos;
import dev.streamload.stream.ContentChecks;
import dev.streamload.warmup.LoopbackWarmUp;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every streamload simulation wires: one scenario × the configured injection profile × the
 * HTTP protocol × the SLO assertions, with the run's lifecycle (embedded mock, outputs) around it.
 * Concrete simulations only choose the preset (or dialect) and the scenario.
 */
public abstract class StreamingSimulation extends Simulation {

  private final StreamloadRun run;

  protected StreamingSimulation(
      Dialect dialect, Function<StreamloadRun, ScenarioBuilder> scenario) {
    this(dialect, scenario, ContentChecks.none());
  }

  /**
   * A simulation whose answers must pass {@code checks} (each {@code check.*} property replaces its
   * check), e.g. {@code ContentChecks.none().withMinChars(20).withMustMatch("(?i)paris")}.
   */
  protected StreamingSimulation(
      Dialect dialect, Function<StreamloadRun, ScenarioBuilder> scenario, ContentChecks checks) {
    run = StreamloadRun.start(dialect, getClass(), checks);
    wire(scenario.apply(run));
  }

  /**
   * A simulation of preset {@code preset} ({@code -Dpreset} wins over it), with the scenario the
   * API profile shapes.
   */
  protected StreamingSimulation(String preset, Function<StreamloadRun, ScenarioBuilder> scenario) {
    this(preset, scenario, ContentChecks.none());
  }

  /** As {@link #StreamingSimulation(String, Function)}, with content checks. */
  protected StreamingSimulation(
      String preset, Function<StreamloadRun, ScenarioBuilder> scenario, ContentChecks checks) {
    run = StreamloadRun.start(preset, getClass(), checks);
    wire(scenario.apply(run));
  }

  private void wire(ScenarioBuilder scenario) {
    PopulationBuilder load = scenario.injectOpen(Injection.steps(run.config().load()));
    // The loopback warm-up (SSE scenarios) runs first; the load starts when it is done.
    Optional<PopulationBuilder> warmUp =
        run.loopbackWarmUp() ? LoopbackWarmUp.population(run) : Optional.empty();
    setUp(warmUp.map(w -> w.andThen(load)).orElse(load))
        .protocols(Protocols.http(run))
        .assertions(Slos.assertions(run.config().slo()))
        .maxDuration(Injection.maxDuration(run.config()));
  }

  @Override
  public void before() {
    run.markInjectionStart();
  }

  @Override
  public void after() {
    run.finish();
  }
}
