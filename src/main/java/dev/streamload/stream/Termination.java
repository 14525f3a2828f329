package dev.streamload.stream;

import java.util.Locale;

/** How the load tool saw a stream end; the input of {@link FailureClassifier} with the state. */
public enum Termination {
  /** The end marker was received (the normal end). */
  END_MARKER_RECEIVED,
  /** No response: connect, DNS or TLS error; the detail holds the error message. */
  CONNECT_FAILED,
  /** The response status (given to {@link StreamRecorder#onHeaders}) ended the stream. */
  HTTP_STATUS,
  /** The wait for the first text fragment timed out. */
  FIRST_FRAGMENT_TIMEOUT,
  /** The wait for the end marker timed out (whole-stream timeout). */
  STREAM_TIMEOUT,
  /** No event for {@code timeout.idle} or longer: the stream stalled and the watch ended it. */
  IDLE_TIMEOUT,
  /**
   * The server ended the stream cleanly (the end of the response; on a WebSocket, a normal close)
   * without the end marker. Under the {@code close} end rule ({@code stream.end=close}) this is the
   * normal end, and {@link StreamRecorder#finish} records it as {@link #END_MARKER_RECEIVED}.
   */
  ENDED_WITHOUT_MARKER,
  /** WebSocket: the server closed the socket with an error close code (1011, 4xxx, ...). */
  CLOSED_WITH_ERROR,
  /** The connection closed prematurely mid-stream. */
  CONNECTION_CUT,
  /** The client library re-sent the request on its own. */
  REPLAY_DETECTED,
  /** The client gave up for another reason (detail says why). */
  ABORTED;

  /** Lowercase name for files ({@code end_marker_received}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
