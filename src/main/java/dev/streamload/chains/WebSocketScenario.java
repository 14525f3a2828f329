package dev.streamload.chains;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.streamload.config.ApiConfig;
import dev.streamload.config.ConfigException;
import dev.streamload.config.Settings;
import dev.streamload.gatling.BatchedRows;
import dev.streamload.run.StreamloadRun;
import dev.streamload.ws.WsChain;
import dev.streamload.ws.WsSettings;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one virtual user does over WebSocket: the identity chain over HTTP (login, conversation),
 * then its turns on a socket ({@link WsChain}), then the socket's close.
 */
public final class WebSocketScenario {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketScenario.class);

  private WebSocketScenario() {}

  /** Login, conversation, then streamed turns over WebSocket; a bad ws.* setting stops the run. */
  public static ScenarioBuilder chat(StreamloadRun run) {
    WsSettings ws = settings(run);
    return scenario("websocket")
        .exec(
            new BatchedRows(
                ChatScenario.arrival(run)
                    .feed(ChatScenario.accounts(run))
                    // The values a turn reads and updates (turn counter, history): without them
                    // every turn's preparation failed ("key not found: turn").
                    .exec(ChatScenario.userValues(run))
                    .exec(Identity.chain(run))
                    .exec(ChatScenario.turns(run, WsChain.turn(run, ws), arraysRead(ws)))
                    .exec(WsChain.close())));
  }

  /** The message arrays the socket's messages (the turn's, and the auth message if sent) read. */
  static Set<String> arraysRead(WsSettings ws) {
    return ChatScenario.arraysRead(ws.sent());
  }

  private static WsSettings settings(StreamloadRun run) {
    Settings s = Settings.fromSystem(run.presetName());
    WsSettings ws = WsSettings.read(s, run.baseUrl(), run.config().chatValues());
    try {
      s.throwIfInvalid();
    } catch (ConfigException e) {
      throw run.stopFor(e);
    }
    LOG.info("WebSocket: {}", ws.describe());
    run.noteTarget("transport", "websocket");
    run.noteTarget("ws_url", ApiConfig.withoutCredentials(ws.url()));
    return ws;
  }
}
