package dev.streamload.chains;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitHereIfFailed;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.streamload.api.ApiProfile;
import dev.streamload.api.RequestTemplate;
import dev.streamload.api.ValueSource;
import dev.streamload.config.ApiConfig;
import dev.streamload.gatling.ReportRows;
import dev.streamload.run.StreamloadRun;
import dev.streamload.stream.FailureClass;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The identity chain of one virtual user, each step optional and shaped by the API profile: login
 * with the feeder's account to get a token (from the JSON body, a header or a cookie), then create
 * a conversation to get its id. Both land in the user's session (the loopback warm-up runs the same
 * steps against its own server: {@link #warmUp}). Without a login step the token is the API key;
 * with conversation mode {@code answer} the id starts empty and the first answer's events supply it
 * ({@link ChatStream}). A failed step ends this user with one named failure ({@code login_failed} /
 * {@code conversation_failed}) instead of a cascade of confusing ones.
 */
public final class Identity {

  /** Row name of the login request. */
  public static final String LOGIN = "login";

  /** Row name of the conversation request. */
  public static final String CONVERSATION = "create conversation";

  /** Statuses a login or conversation response may have. */
  static final List<Integer> OK_STATUSES = IntStream.rangeClosed(200, 299).boxed().toList();

  private Identity() {}

  /** The identity steps the profile has, then the user's token and conversation id are set. */
  public static ChainBuilder chain(StreamloadRun run) {
    return chain(run, run, true);
  }

  /**
   * The same steps for the loopback warm-up: a failed step is told to {@code hooks} (which records
   * nothing) and leaves the session failed instead of ending the user, so that the warm-up user
   * still reaches its last action; the caller skips the stream of a failed turn.
   */
  public static ChainBuilder warmUp(StreamloadRun run, StreamHooks hooks) {
    return chain(run, hooks, false);
  }

  private static ChainBuilder chain(StreamloadRun run, StreamHooks hooks, boolean exitOnFailure) {
    ApiConfig api = run.config().api();
    ApiProfile profile = api.profile();
    ChainBuilder chain;
    if (profile.login().isPresent()) {
      chain =
          step(LOGIN, profile.login().get(), api, false, profile.token(), Keys.TOKEN)
              .exec(failedStep(hooks, FailureClass.LOGIN_FAILED, LOGIN));
      if (exitOnFailure) {
        chain = chain.exec(exitHereIfFailed());
      }
    } else {
      String key = run.config().openAiKey(); // the API key stands in for a login token
      chain = exec(s -> s.set(Keys.TOKEN, key));
    }
    if (profile.conversation().isPresent()) {
      ChainBuilder conversation =
          step(
                  CONVERSATION,
                  profile.conversation().get(),
                  api,
                  true,
                  profile.conversationId(),
                  Keys.CONVERSATION_ID)
              .exec(failedStep(hooks, FailureClass.CONVERSATION_FAILED, CONVERSATION));
      chain =
          exitOnFailure
              ? chain.exec(conversation).exec(exitHereIfFailed())
              // Without the exit, a failed login must not be followed by a conversation request.
              : chain.doIf(s -> !s.isFailed()).then(conversation);
    } else if (profile.conversationMode() == ApiProfile.ConversationMode.ANSWER) {
      chain = chain.exec(s -> s.set(Keys.CONVERSATION_ID, ""));
    }
    return chain.exec(s -> s.remove(STATUS).remove(BODY));
  }

  /**
   * One identity request: its status and the start of its body kept for a failure detail, a 2xx
   * required, and the value {@code source} names saved as {@code key}.
   */
  private static ChainBuilder step(
      String name,
      RequestTemplate template,
      ApiConfig api,
      boolean withToken,
      ValueSource source,
      String key) {
    return exec(
        Requests.http(name, template, api, withToken)
            .check(
                status().saveAs(STATUS),
                bodyString().transform(Identity::bodyStart).saveAs(BODY),
                status().in(OK_STATUSES),
                Requests.save(source, key)));
  }

  /** Session keys of the last identity response's status and the start of its body. */
  static final String STATUS = "streamload.identity.status";

  static final String BODY = "streamload.identity.body";

  /** Most chars of an identity response body kept for a failure detail. */
  static final int BODY_CHARS = 200;

  static String bodyStart(String body) {
    if (body == null) {
      return "";
    }
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() <= BODY_CHARS ? flat : flat.substring(0, BODY_CHARS) + "...";
  }

  /** "status 401: {body start}" of the failed step, or null when no response arrived. */
  static String response(io.gatling.javaapi.core.Session session) {
    if (!session.contains(STATUS)) {
      return null;
    }
    String body = session.contains(BODY) ? session.getString(BODY) : "";
    return "status " + session.getInt(STATUS) + (body.isEmpty() ? "" : ": " + body);
  }

  /**
   * Records the failure of {@code step} when the session has failed, then lets exitHereIfFailed end
   * the user.
   */
  private static ReportRows failedStep(StreamHooks hooks, FailureClass failure, String step) {
    return new ReportRows(
        (session, sink) -> {
          if (session.isFailed()) {
            hooks.chainFailed(session, failure, step, response(session), sink);
          }
        });
  }
}
