package dev.streamload.ws;

import dev.streamload.gatling.StreamEnd;
import dev.streamload.stream.Termination;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one WebSocket turn ended, from what Gatling and our socket watch left behind; plain Java, so
 * that the mapping of handshake errors, close codes and cuts to {@link Termination}s is unit
 * tested.
 *
 * <ul>
 *   <li>the message that ends the answer was seen: {@code end_marker_received};
 *   <li>a close frame from the server: with {@code stream.end=close}, a normal close (1000, 1001,
 *       or 1005: no code) is {@code ended_without_marker}, which the recorder takes as the end of
 *       the answer; an error code ({@link #isErrorCode}) is {@code closed_with_error} named with
 *       its code and reason; a normal close before the end is {@code connection_cut} (the class
 *       {@code interrupted});
 *   <li>the connection ended without a close frame (1006): {@code connection_cut};
 *   <li>the handshake answered a status other than 101: {@code http_status} with that status (a 2xx
 *       counts as a wrong content type: not an upgrade); refused, DNS, TLS: {@code connect_failed};
 *       a reset before the answer: {@code connection_cut};
 *   <li>Gatling's own await timeout (no crash): {@code stream_timeout} after text, else {@code
 *       first_fragment_timeout}.
 * </ul>
 */
public final class WsEnds {

  /** Netty's text for an upgrade answered with another status than 101. */
  private static final Pattern HANDSHAKE_STATUS =
      Pattern.compile("Invalid handshake response getStatus: (\\d{3})");

  private static final Pattern CONNECT_ERROR =
      Pattern.compile(
          "ConnectException|Connection refused|UnknownHost|SSL\\w*Exception|ConnectTimeout");

  private static final Pattern CUT =
      Pattern.compile("Premature ?[Cc]lose|Connection reset|ClosedChannel|connection closed");

  /** Content type given to the classifier for a 2xx answer to an upgrade: not a WebSocket. */
  static final String NOT_AN_UPGRADE = "(no WebSocket upgrade)";

  private WsEnds() {}

  /**
   * Maps what is known after the turn to how it ended.
   *
   * @param sent the turn's message was written
   * @param crashMessage Gatling's crash message of the socket ("" for a close while idle), or null
   * @param closeCode the server's close code seen by the watch, or -1
   * @param closeReason the server's close reason, or null
   * @param connectionEnded the watch saw the connection end
   * @param sessionFailed Gatling marked the session failed (an await timeout, a refused connect)
   * @param endSeen the message that ends the answer was seen
   * @param textSeen at least one text fragment was seen
   * @param endOnClose the end rule is {@code close}
   */
  public static StreamEnd of(
      boolean sent,
      String crashMessage,
      int closeCode,
      String closeReason,
      boolean connectionEnded,
      boolean sessionFailed,
      boolean endSeen,
      boolean textSeen,
      boolean endOnClose) {
    if (endSeen) {
      return new StreamEnd(Termination.END_MARKER_RECEIVED, -1, null, null);
    }
    if (closeCode >= 0) {
      return closed(closeCode, closeReason, endOnClose);
    }
    if (crashMessage != null && !crashMessage.isEmpty()) {
      return crashed(sent, crashMessage);
    }
    if (connectionEnded || crashMessage != null) {
      return new StreamEnd(
          Termination.CONNECTION_CUT,
          -1,
          null,
          "connection closed without a close frame (1006) before the end of the answer");
    }
    if (!sent) {
      return new StreamEnd(Termination.CONNECT_FAILED, -1, null, "the message was never sent");
    }
    if (sessionFailed) {
      return textSeen
          ? new StreamEnd(
              Termination.STREAM_TIMEOUT, -1, null, "no end of the answer within timeout.stream")
          : new StreamEnd(
              Termination.FIRST_FRAGMENT_TIMEOUT, -1, null, "no text within timeout.firstFragment");
    }
    return new StreamEnd(Termination.ABORTED, -1, null, "turn ended without a known cause");
  }

  private static StreamEnd closed(int code, String reason, boolean endsAnswer) {
    String named =
        "close code " + code + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
    if (isErrorCode(code)) {
      return new StreamEnd(Termination.CLOSED_WITH_ERROR, -1, null, named);
    }
    if (endsAnswer) {
      // stream.end=close: the recorder takes the normal close as the end of the answer.
      return new StreamEnd(
          Termination.ENDED_WITHOUT_MARKER, -1, null, "closed normally (" + named + ")");
    }
    return new StreamEnd(
        Termination.CONNECTION_CUT,
        -1,
        null,
        "the server closed the socket (" + named + ") before the end of the answer");
  }

  private static StreamEnd crashed(boolean sent, String message) {
    Matcher status = HANDSHAKE_STATUS.matcher(message);
    if (status.find()) {
      int code = Integer.parseInt(status.group(1));
      return new StreamEnd(
          Termination.HTTP_STATUS,
          code,
          code >= 200 && code <= 299 ? NOT_AN_UPGRADE : null,
          "WebSocket handshake answered " + code + " instead of 101");
    }
    if (CUT.matcher(message).find()) {
      return new StreamEnd(
          Termination.CONNECTION_CUT,
          -1,
          null,
          (sent
                  ? "connection closed without a close frame (1006): "
                  : "connection closed before" + " the handshake answer: ")
              + message);
    }
    if (!sent || CONNECT_ERROR.matcher(message).find()) {
      return new StreamEnd(Termination.CONNECT_FAILED, -1, null, message);
    }
    return new StreamEnd(Termination.ABORTED, -1, null, message);
  }

  /**
   * True for a close code that reports an error: every code but 1000 (normal), 1001 (going away),
   * 1005 (no code) and 1006 (abnormal, never sent on the wire); 1011 and 4000-4999 in particular.
   */
  public static boolean isErrorCode(int code) {
    return code != 1000 && code != 1001 && code != 1005 && code != 1006;
  }
}
