package dev.streamload.chains;

import dev.streamload.gatling.OpenConnections;
import dev.streamload.gatling.ReportRows;
import io.gatling.javaapi.core.Session;

/**
 * What the stream step ({@link ChatStream}) asks of whoever accounts for its streams: the run
 * itself ({@code StreamloadRun}), or the loopback warm-up, which runs the same step before the load
 * and records nothing.
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
}
