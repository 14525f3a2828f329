package dev.streamload.simulations;

import dev.streamload.chains.ChatScenario;
import dev.streamload.run.StreamingSimulation;

/**
 * Runs whatever {@code -Dpreset=<name>} says (a built-in preset or a preset file of your own);
 * without it, the project's own {@code chat} dialect.
 */
public class PresetSimulation extends StreamingSimulation {

  public PresetSimulation() {
    super("chat", ChatScenario::chat);
  }
}
