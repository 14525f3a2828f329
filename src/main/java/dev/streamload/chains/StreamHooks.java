package dev.streamload.chains;

import dev.streamload.gatling.OpenConnections;
import dev.streamload.gatling.ReportRows;
import io.gatling.javaapi.core.Session;

/**
 * What the stream step ({@link ChatStream}) and the identity chain ({@link Identity}) ask of
 * whoever accounts for them: the run itself ({@code StreamloadRun}), or the loopback warm-up, which
 * runs the same steps before the load and records nothing.
 */
public interface StreamHooks {

  /** Starts a stream attempt: puts its {@code LiveStream} and request id in the session. */
  Session beginStream(Session session);

  /** Notes a blocked silent re-send of {@code requestId} by Gatling. */
  void replayBlocked(String requestId);

  /** Where the connections that carry stream requests are counted. */
  OpenConnections openConnections();

  /**
   * Ends the stream in the session: classify, record, and write its report rows to {@code sink}.
   */
  void endStream(Session session, ReportRows.Sink sink);

  /**
   * An identity step failed ({@code login_failed}, {@code conversation_failed}): no stream was
   * attempted; {@code response} is the status and the start of the body, or null when none came.
   */
  void chainFailed(
      Session session,
      dev.streamload.stream.FailureClass failure,
      String step,
      String response,
      ReportRows.Sink sink);
}
