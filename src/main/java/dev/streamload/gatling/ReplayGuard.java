package dev.streamload.gatling;

import io.gatling.http.client.Request;
import io.gatling.javaapi.core.Session;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The request signer of a stream ({@code sse(..).sign(..)}): it stamps the send time of the
 * session's {@link LiveStream} right before the request is written and refuses a second write of
 * the same request, which is Gatling re-sending a cut stream on its own (gatling/gatling#4634).
 */
public final class ReplayGuard {

  private ReplayGuard() {}

  /**
   * A signer that calls {@code onBlocked} with the stream's request id for each refused re-send.
   * The refusal is a {@link RuntimeException}: Gatling then crashes the stream without writing the
   * request (an {@link Error} would make it exit the JVM), and the crash message carries {@link
   * StreamEnd#REPLAY_BLOCKED}.
   */
  public static BiFunction<Request, Session, Request> signer(Consumer<String> onBlocked) {
    return (request, session) -> {
      LiveStream live = session.get(LiveStream.KEY);
      if (!live.onSend(System.nanoTime())) {
        onBlocked.accept(live.requestId());
        throw new IllegalStateException(
            "SSE "
                + StreamEnd.REPLAY_BLOCKED
                + ": the connection was cut and Gatling tried to re-send "
                + live.requestId()
                + " on its own");
      }
      return request;
    };
  }
}
