package dev.streamload.chains;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.sse;

import dev.streamload.api.AnswerValue;
import dev.streamload.api.ApiProfile;
import dev.streamload.config.ApiConfig;
import dev.streamload.config.StreamConfig;
import dev.streamload.gatling.EventHook;
import dev.streamload.gatling.LiveStream;
import dev.streamload.gatling.QuietSseRows;
import dev.streamload.gatling.ReplayGuard;
import dev.streamload.gatling.ReportRows;
import dev.streamload.gatling.SseInternals;
import dev.streamload.gatling.WatchedSse;
import dev.streamload.run.StreamloadRun;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.SseConnectActionBuilder;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * One streamed answer, read to its end with Gatling's {@code sse()}: send the prompt, wait for the
 * first text fragment, then for the end marker, then account for the stream and close it.
 *
 * <p>Why this shape (see docs/gatling-sse.md): a single connect with two chained await sequences
 * sees every event exactly once, and a hook placed as the first {@code matching} condition of each
 * sequence records each event on the event loop as it is decoded, timed at the arrival of its
 * chunk. The request signer stamps the send time and blocks Gatling's silent re-send of a cut
 * stream; the request's write arms a watch that ends a cut, stalled or overdue stream at once.
 */
public final class ChatStream {

  /** Row of the SSE connect (ends at the response headers). */
  public static final String CONNECT = "stream connect";

  /** Row of the explicit close. */
  public static final String CLOSE = "stream close";

  /** Row of Gatling's first await sequence (timed from the response headers). */
  public static final String FIRST_FRAGMENT = "first fragment";

  /** Row of Gatling's second await sequence (timed from the first fragment). */
  public static final String END_MARKER = "end marker";

  /**
   * How long the close waits, after the end marker, for the end of the response: a response that
   * ended leaves its connection in the user's pool for the next stream (no new TCP connection per
   * stream); one that did not is closed as before.
   */
  static final Duration RESPONSE_END_WAIT = Duration.ofMillis(1);

  /**
   * Extra time Gatling's own await gets beyond timeout.stream, so our precise watch fires first.
   */
  static final Duration AWAIT_SLACK = Duration.ofSeconds(5);

  private ChatStream() {}

  /**
   * The stream step as the API profile shapes it (token and conversation id from {@link Identity}).
   */
  public static ChainBuilder chat(StreamloadRun run) {
    run.markSseStreams();
    return chat(run, run);
  }

  /**
   * The same step, its streams accounted for by {@code hooks} (the loopback warm-up runs it so, and
   * records nothing).
   */
  public static ChainBuilder chat(StreamloadRun run, StreamHooks hooks) {
    ApiConfig api = run.config().api();
    ApiProfile profile = api.profile();
    ChainBuilder stream = stream(run, hooks, Requests.sse(CONNECT, profile.chat(), api));
    if (profile.conversationMode() != ApiProfile.ConversationMode.ANSWER) {
      return stream;
    }
    // The first answer that carries the conversation id gives it to every later turn.
    String path = profile.conversationId().name();
    return exec(s ->
            s.getString(Keys.CONVERSATION_ID).isEmpty()
                ? s.set(Keys.ANSWER_VALUE, new AnswerValue(path))
                : s)
        .exec(stream)
        .exec(
            s -> {
              if (!s.contains(Keys.ANSWER_VALUE)) {
                return s;
              }
              AnswerValue found = s.get(Keys.ANSWER_VALUE);
              Session out = s.remove(Keys.ANSWER_VALUE);
              return found.value() == null ? out : out.set(Keys.CONVERSATION_ID, found.value());
            });
  }

  /** The same step (kept for callers of the OpenAI-named chain). */
  public static ChainBuilder openAi(StreamloadRun run) {
    return chat(run);
  }

  private static ChainBuilder stream(
      StreamloadRun run, StreamHooks hooks, SseConnectActionBuilder connect) {
    ApiConfig api = run.config().api();
    StreamConfig stream = run.config().stream();
    Function<Session, String> requestId = s -> s.getString(StreamloadRun.REQUEST_ID);
    // Gatling's own KO rows for the connect and the awaits stay out of the report: the stream row
    // carries each failure once, under its class.
    return exec(hooks::beginStream)
        .exec(ChatStream::tapAnswerValue)
        .exec(
            new WatchedSse(
                new QuietSseRows(
                    connect
                        .header(api.requestIdHeader(), requestId)
                        .sign(ReplayGuard.signer(hooks::replayBlocked))
                        .await(stream.firstFragmentTimeout())
                        .on(EventHook.awaiting(sse.checkMessage(FIRST_FRAGMENT), true))
                        .await(stream.streamTimeout().plus(AWAIT_SLACK))
                        .on(EventHook.awaiting(sse.checkMessage(END_MARKER), false)),
                    Set.of(CONNECT, FIRST_FRAGMENT, END_MARKER)),
                hooks.openConnections()))
        .exec(new ReportRows(hooks::endStream))
        .exec(close());
  }

  /**
   * Lets the answer's events reach the conversation-id reader of {@code conversation.mode=answer}.
   */
  private static Session tapAnswerValue(Session session) {
    if (session.contains(Keys.ANSWER_VALUE)) {
      AnswerValue reader = session.get(Keys.ANSWER_VALUE);
      LiveStream live = session.get(LiveStream.KEY);
      live.tap(reader::offer);
    }
    return session;
  }

  /**
   * Closes the stream on every path. A crashed stream is only dropped from the session: Gatling
   * already closed it, and closing it again would add a second, misleading error row.
   */
  private static ChainBuilder close() {
    return doIf(s -> ((LiveStream) s.get(LiveStream.KEY)).responsePending())
        .then(pause(RESPONSE_END_WAIT))
        .doIfOrElse(SseInternals::isCrashed)
        .then(exec(s -> s.remove(SseInternals.SSE_KEY)))
        .orElse(exec(sse(CLOSE).close()))
        .exec(s -> s.remove(LiveStream.KEY).markAsSucceeded());
  }
}
