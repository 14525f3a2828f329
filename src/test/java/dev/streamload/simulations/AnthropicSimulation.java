package dev.streamload.simulations;

import dev.streamload.chains.ChatScenario;
import dev.streamload.run.StreamingSimulation;

/**
 * Streams Anthropic Messages ({@code POST /v1/messages}, {@code x-api-key}, ends with {@code event:
 * message_stop}): the {@code anthropic} preset, key from {@code ANTHROPIC_API_KEY}.
 */
public class AnthropicSimulation extends StreamingSimulation {

  public AnthropicSimulation() {
    super("anthropic", ChatScenario::chat);
  }
}
