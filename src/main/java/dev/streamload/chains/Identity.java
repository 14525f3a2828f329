package dev.streamload.chains;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitHereIfFailed;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.streamload.config.ApiConfig;
import dev.streamload.gatling.ReportRows;
import dev.streamload.run.StreamloadRun;
import dev.streamload.stream.FailureClass;
import io.gatling.javaapi.core.ChainBuilder;

/**
 * The identity chain of one virtual user: login with the feeder's account to get a token, then
 * create a conversation to get its id. Both land in the user's session. A failed step ends this
 * user with one named failure ({@code login_failed} / {@code conversation_failed}) instead of a
 * cascade of confusing ones.
 */
public final class Identity {

  /** Row name of the login request. */
  public static final String LOGIN = "login";

  /** Row name of the conversation request. */
  public static final String CONVERSATION = "create conversation";

  private Identity() {}

  /** Login → token → conversation → conversationId, for a user fed with username and password. */
  public static ChainBuilder chain(StreamloadRun run) {
    ApiConfig api = run.config().api();
    return exec(http(LOGIN)
            .post(api.loginPath())
            .body(StringBody(run::loginBody))
            .asJson()
            .check(
                status().saveAs(STATUS),
                bodyString().transform(Identity::bodyStart).saveAs(BODY),
                status().is(200),
                jmesPath(api.tokenPath()).ofString().saveAs(Keys.TOKEN)))
        .exec(failedStep(run, FailureClass.LOGIN_FAILED, LOGIN))
        .exec(exitHereIfFailed())
        .exec(
            http(CONVERSATION)
                .post(api.conversationPath())
                .header(api.authHeader(), s -> api.authValue(s.getString(Keys.TOKEN)))
                .body(StringBody(api.conversationBody()))
                .asJson()
                .check(
                    status().saveAs(STATUS),
                    bodyString().transform(Identity::bodyStart).saveAs(BODY),
                    status().in(200, 201),
                    jmesPath(api.conversationIdPath()).ofString().saveAs(Keys.CONVERSATION_ID)))
        .exec(failedStep(run, FailureClass.CONVERSATION_FAILED, CONVERSATION))
        .exec(exitHereIfFailed())
        .exec(s -> s.remove(STATUS).remove(BODY));
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
  private static ReportRows failedStep(StreamloadRun run, FailureClass failure, String step) {
    return new ReportRows(
        (session, sink) -> {
          if (session.isFailed()) {
            run.chainFailed(session, failure, step, response(session), sink);
          }
        });
  }
}
