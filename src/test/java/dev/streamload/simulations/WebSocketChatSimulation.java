package dev.streamload.simulations;

import dev.streamload.chains.WebSocketScenario;
import dev.streamload.run.StreamingSimulation;

/**
 * Streaming chat over WebSocket: each virtual user logs in and opens a conversation over HTTP, then
 * streams its answers over a socket, against the embedded mock's JSON delta protocol unless {@code
 * -Dpreset=ws-spark} or {@code -Dtarget.url} and the {@code ws.*} / {@code stream.*} flags say
 * otherwise.
 */
public class WebSocketChatSimulation extends StreamingSimulation {

  public WebSocketChatSimulation() {
    super("ws-json", WebSocketScenario::chat);
  }
}
