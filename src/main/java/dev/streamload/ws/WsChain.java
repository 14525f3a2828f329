package dev.streamload.ws;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.ws;

import dev.streamload.config.ApiConfig;
import dev.streamload.gatling.ElTemplate;
import dev.streamload.gatling.QuietSseRows;
import dev.streamload.gatling.ReportRows;
import dev.streamload.gatling.StreamEnd;
import dev.streamload.gatling.WsInternals;
import dev.streamload.run.StreamloadRun;
import dev.streamload.stream.StreamResult;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.WsConnectActionBuilder;
import io.netty.channel.Channel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * One chat turn over Gatling's own {@code ws()}: open the socket when the user has none (token in
 * the query, a header or a first auth message), send the turn's message from its template, read the
 * answer message by message until the message that ends it, account for it like an SSE stream, and
 * close the socket unless the next turn may reuse it.
 *
 * <p>Why this shape (see docs/gatling-sse.md, "WebSocket"): one await with one check per turn,
 * whose first {@code matching} condition is the per-message hook; Gatling evaluates it for every
 * frame while the check is pending (frames that fail it are not buffered), so the hook sees every
 * message exactly once, timed on the event loop as it is decoded. The send time is stamped inside
 * the message function, right before Gatling writes the frame. Reconnects stay off (Gatling's
 * default), so no message is ever written twice.
 */
public final class WsChain {

  /** Session key of the user's socket (Gatling's state machine). */
  public static final String WS_NAME = "streamload.ws";

  /** Row of the upgrade request (ends at the 101). */
  public static final String CONNECT = "ws connect";

  /** Row of the auth message ({@code ws.auth=message}). */
  public static final String AUTH = "ws auth";

  /** Row of each turn's message (Gatling times a send as 0 ms). */
  public static final String SEND = "ws send";

  /** Row of Gatling's await: from the send to the message that ends the answer. */
  public static final String ANSWER = "answer";

  /** Row of the client's close. */
  public static final String CLOSE = "ws close";

  /**
   * Extra time Gatling's own await gets beyond timeout.stream, so our precise watch fires first.
   */
  static final Duration AWAIT_SLACK = Duration.ofSeconds(5);

  private WsChain() {}

  /** One turn; the socket stays in the session for the next turn unless it must be closed. */
  public static ChainBuilder turn(StreamloadRun run, WsSettings settings) {
    WsReading reading = settings.reading();
    Duration await = run.config().stream().streamTimeout().plus(AWAIT_SLACK);
    ElTemplate message = new ElTemplate("ws.message", settings.message());
    return exec(s ->
            run.openStream(s, LiveTurn.KEY, t -> new LiveTurn(t, reading, System::nanoTime)))
        .doIf(s -> !WsInternals.isOpen(s, WS_NAME))
        .then(connect(run, settings))
        .doIf(s -> WsInternals.isOpen(s, WS_NAME))
        .then(
            exec(
                ws(SEND)
                    .wsName(WS_NAME)
                    .sendText(s -> send(s, message))
                    .await(await)
                    .on(ws.checkTextMessage(ANSWER).matching(hook()))))
        .exec(new ReportRows((s, sink) -> end(run, reading, s, sink)))
        .exec(
            doIfOrElse(s -> settings.socket() == WsSettings.Socket.CONVERSATION && reusable(s))
                .then(exec(s -> s))
                .orElse(close()))
        .exec(s -> s.remove(LiveTurn.KEY).markAsSucceeded());
  }

  /** Closes the user's socket if it is still open (the end of a conversation). */
  public static ChainBuilder close() {
    return doIfOrElse(s -> WsInternals.isOpen(s, WS_NAME))
        .then(exec(ws(CLOSE).wsName(WS_NAME).close()))
        .orElse(exec(s -> s.remove(WS_NAME)));
  }

  /** The socket may carry the next turn: it is open and this turn's answer reached its end. */
  private static boolean reusable(Session s) {
    LiveTurn turn = s.get(LiveTurn.KEY);
    return WsInternals.isOpen(s, WS_NAME) && turn.endSeen() && !turn.tripped();
  }

  private static ChainBuilder connect(StreamloadRun run, WsSettings ws) {
    ApiConfig api = run.config().api();
    WsConnectActionBuilder connect =
        ws(CONNECT)
            .wsName(WS_NAME)
            .connect(s -> url(ws, s))
            .header(api.requestIdHeader(), s -> s.getString(StreamloadRun.REQUEST_ID));
    if (ws.auth() == WsSettings.Auth.HEADER) {
      connect =
          connect.header(
              api.authHeader(), s -> api.authValue(s.getString(StreamloadRun.TOKEN_KEY)));
    }
    // Gatling's own KO rows of the socket (connect, sends, the await, the close) stay out of the
    // report: the stream row carries each failure once, under its class. The socket's state
    // machine logs every row through the connect action's stats engine.
    ChainBuilder chain =
        exec(s -> s.remove(WS_NAME))
            .exec(new QuietSseRows(connect, Set.of(CONNECT, AUTH, SEND, ANSWER, CLOSE)));
    if (ws.auth() == WsSettings.Auth.MESSAGE) {
      ElTemplate auth = new ElTemplate("ws.authMessage", ws.authMessage());
      chain =
          chain.exec(
              doIf(s -> WsInternals.isOpen(s, WS_NAME))
                  .then(exec(ws(AUTH).wsName(WS_NAME).sendText(s -> watched(s, auth.apply(s))))));
    }
    return chain;
  }

  private static String url(WsSettings ws, Session s) {
    if (ws.auth() != WsSettings.Auth.QUERY) {
      return ws.url();
    }
    String token = URLEncoder.encode(s.getString(StreamloadRun.TOKEN_KEY), StandardCharsets.UTF_8);
    return ws.url() + (ws.url().contains("?") ? "&" : "?") + ws.tokenParam() + "=" + token;
  }

  /** Puts the watch on the socket (once) and hands it to the turn; returns the message. */
  private static String watched(Session s, String text) {
    Channel channel = WsInternals.channel(s, WS_NAME);
    if (channel != null) {
      WsInternals.watch(channel, SocketWatch.NAME, new SocketWatch());
      LiveTurn turn = s.get(LiveTurn.KEY);
      turn.socket(SocketWatch.of(channel));
    }
    return text;
  }

  /**
   * Builds the turn's message, then stamps the write time: Gatling writes the frame right after.
   */
  private static String send(Session s, Function<Session, String> template) {
    String text = watched(s, template.apply(s));
    LiveTurn turn = s.get(LiveTurn.KEY);
    turn.onSend(
        System.nanoTime(),
        WsInternals.channel(s, WS_NAME),
        reason -> WsInternals.crash(s, WS_NAME, reason));
    return text;
  }

  /** The per-message hook: records the message and says whether it ends the answer. */
  private static CheckBuilder hook() {
    return bodyString()
        .transformWithSession(
            (body, session) -> {
              long now = System.nanoTime();
              LiveTurn turn = session.get(LiveTurn.KEY);
              return turn.onMessage(now, body);
            })
        .is(true);
  }

  private static void end(StreamloadRun run, WsReading reading, Session s, ReportRows.Sink sink) {
    LiveTurn turn = s.get(LiveTurn.KEY);
    SocketWatch watch = turn.socket();
    StreamEnd end =
        WsEnds.of(
            turn.sends() > 0,
            WsInternals.crashMessage(s, WS_NAME),
            watch == null ? -1 : watch.closeCode(),
            watch == null ? null : watch.closeReason(),
            watch != null && watch.ended(),
            s.isFailed(),
            turn.endSeen(),
            turn.textSeen(),
            reading.endsOnClose());
    StreamResult result = turn.finish(System.nanoTime(), end);
    run.closeStream(s, result, turn.takeSampledAnswer(), sink);
  }
}
