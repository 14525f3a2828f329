package dev.streamload.simulations;

import dev.streamload.chains.ChatScenario;
import dev.streamload.config.RunConfig.Dialect;
import dev.streamload.load.Injection;
import dev.streamload.load.Protocols;
import dev.streamload.load.Slos;
import dev.streamload.run.StreamloadRun;
import io.gatling.javaapi.core.Simulation;

/**
 * Streams chat completions from an OpenAI-compatible API (POST /v1/chat/completions, stream:
 * true), authenticated with an API key from the environment; no login chain.
 */
public class OpenAiChatSimulation extends Simulation {

  private final StreamloadRun run = StreamloadRun.start(Dialect.OPENAI, getClass());

  {
    setUp(ChatScenario.openAi(run).injectOpen(Injection.steps(run.config().load())))
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
