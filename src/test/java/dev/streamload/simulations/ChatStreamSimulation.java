package dev.streamload.simulations;

import dev.streamload.chains.ChatScenario;
import dev.streamload.config.RunConfig.Dialect;
import dev.streamload.load.Injection;
import dev.streamload.load.Protocols;
import dev.streamload.load.Slos;
import dev.streamload.run.StreamloadRun;
import io.gatling.javaapi.core.Simulation;

/**
 * The default simulation: each virtual user logs in, opens a conversation and streams its answers,
 * against the embedded mock unless {@code -Dtarget.url} points at a real API.
 */
public class ChatStreamSimulation extends Simulation {

  private final StreamloadRun run = StreamloadRun.start(Dialect.CHAT, getClass());

  {
    setUp(ChatScenario.chat(run).injectOpen(Injection.steps(run.config().load())))
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
