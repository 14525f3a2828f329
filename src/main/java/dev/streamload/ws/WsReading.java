package dev.streamload.ws;

import dev.streamload.stream.EndRule;
import dev.streamload.stream.EventKind;
import dev.streamload.stream.EventParser;
import dev.streamload.stream.StreamDialect;
import dev.streamload.stream.StreamRecorder;

/**
 * How the WebSocket messages of one answer are read: each message is the JSON the dialect's paths
 * ({@code stream.textPaths}, {@code stream.usagePath}, {@code stream.finishReasonPath}) and rules
 * ({@code stream.end}, {@code stream.text}, {@code stream.errorWhen}, {@code stream.errorPath})
 * apply to, read by {@link EventParser#forMessages}. Thread-safe, one per run.
 *
 * <p>A WebSocket message has no SSE event name, so {@code stream.end=event:..} and {@code
 * stream.errorEvents} do not apply and are refused.
 */
public final class WsReading {

  private final EventParser parser;

  private WsReading(StreamDialect dialect) {
    this.parser = EventParser.forMessages(dialect);
  }

  /**
   * The reading of messages in {@code dialect}.
   *
   * @throws IllegalArgumentException naming {@code stream.end} or {@code stream.errorEvents} when
   *     the dialect relies on SSE event names
   */
  public static WsReading of(StreamDialect dialect) {
    if (dialect.endRule().kind() == EndRule.Kind.EVENT) {
      throw new IllegalArgumentException(
          "stream.end = '"
              + dialect.endRule().text()
              + "': a WebSocket message has no event name; use when:<condition> (e.g. 'when:type =="
              + " done'), marker:<text> or close");
    }
    if (!dialect.errorEvents().isEmpty()) {
      throw new IllegalArgumentException(
          "stream.errorEvents = '"
              + String.join(",", dialect.errorEvents())
              + "': a WebSocket message has no event name; use stream.errorWhen (e.g. 'type =="
              + " error')");
    }
    return new WsReading(dialect);
  }

  /** The parser every recorder of this run's answers is built with. */
  public EventParser parser() {
    return parser;
  }

  /** True when the server's normal close ends the answer ({@code stream.end=close}). */
  public boolean endsOnClose() {
    return parser.dialect().endRule().kind() == EndRule.Kind.CLOSE;
  }

  /** The end rule as configured, e.g. {@code when:type == done}. */
  public String describe() {
    return parser.dialect().endRule().text();
  }

  /**
   * Records one message and returns its kind: {@link EventKind#END_MARKER} for the message that
   * ends the answer (text it carries is recorded too), {@link EventKind#ERROR} for an error
   * message, else what its JSON holds.
   */
  public EventKind feed(StreamRecorder recorder, long nanos, String message) {
    return recorder.onEvent(nanos, message);
  }
}
