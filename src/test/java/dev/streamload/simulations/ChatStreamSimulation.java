package dev.streamload.simulations;

import dev.streamload.chains.ChatScenario;
import dev.streamload.config.RunConfig.Dialect;
import dev.streamload.run.StreamingSimulation;

/**
 * The default simulation: each virtual user logs in, opens a conversation and streams its answers,
 * against the embedded mock unless {@code -Dtarget.url} points at a real API.
 */
public class ChatStreamSimulation extends StreamingSimulation {

  public ChatStreamSimulation() {
    super(Dialect.CHAT, ChatScenario::chat);
  }
}
