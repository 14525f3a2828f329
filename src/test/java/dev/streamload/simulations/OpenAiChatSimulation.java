package dev.streamload.simulations;

import dev.streamload.chains.ChatScenario;
import dev.streamload.config.RunConfig.Dialect;
import dev.streamload.run.StreamingSimulation;

/**
 * Streams chat completions from an OpenAI-compatible API ({@code POST /v1/chat/completions}, {@code
 * stream: true}), authenticated with an API key from the environment; no login chain.
 */
public class OpenAiChatSimulation extends StreamingSimulation {

  public OpenAiChatSimulation() {
    super(Dialect.OPENAI, ChatScenario::openAi);
  }
}
