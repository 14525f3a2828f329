package dev.streamload.stream;

/**
 * The outcome of parsing one event: its kind, how much text it carried, the usage count and the
 * finish reason it reported.
 *
 * @param kind what the event means; {@link EventKind#TEXT} wins over {@link EventKind#USAGE} when
 *     an event has both (then {@code usageTokens} is set too)
 * @param textChars generated text in UTF-16 chars, summed over the dialect's text paths; 0 unless
 *     {@code kind} is {@link EventKind#TEXT}
 * @param usageTokens the server's output-token count carried by this event, or -1 if none
 * @param finishReason the string at the dialect's finish-reason path (e.g. {@code stop}, {@code
 *     length}), at most {@link #MAX_FINISH_REASON_CHARS} chars, or {@code null} when the event has
 *     none; independent of {@code kind}
 * @param ends the event also ends the stream although it carries text (an end rule by event name or
 *     condition matched a text event, e.g. Gemini's last chunk); an {@link EventKind#END_MARKER}
 *     ends the stream whatever this says
 */
public record ParsedEvent(
    EventKind kind, int textChars, long usageTokens, String finishReason, boolean ends) {

  /** Longest finish reason kept, in chars; longer values are cut (they are labels, not text). */
  public static final int MAX_FINISH_REASON_CHARS = 64;

  private static final int CACHED_TEXT_SIZES = 256;
  private static final ParsedEvent[] TEXT_BY_CHARS = new ParsedEvent[CACHED_TEXT_SIZES];

  static {
    for (int i = 1; i < CACHED_TEXT_SIZES; i++) {
      TEXT_BY_CHARS[i] = new ParsedEvent(EventKind.TEXT, i, -1);
    }
  }

  /** A valid event without text or usage. */
  public static final ParsedEvent NO_TEXT = new ParsedEvent(EventKind.NO_TEXT, 0, -1);

  /** The end marker without usage. */
  public static final ParsedEvent END_MARKER = new ParsedEvent(EventKind.END_MARKER, 0, -1);

  /** An error event without usage. */
  public static final ParsedEvent ERROR = new ParsedEvent(EventKind.ERROR, 0, -1);

  /** An event that could not be parsed. */
  public static final ParsedEvent MALFORMED = new ParsedEvent(EventKind.MALFORMED, 0, -1);

  /** An event without a finish reason. */
  public ParsedEvent(EventKind kind, int textChars, long usageTokens) {
    this(kind, textChars, usageTokens, null);
  }

  /** An event that ends the stream only if it is the end marker. */
  public ParsedEvent(EventKind kind, int textChars, long usageTokens, String finishReason) {
    this(kind, textChars, usageTokens, finishReason, false);
  }

  /** Checks that the fields agree with the kind. */
  public ParsedEvent {
    if (kind == null) {
      throw new IllegalArgumentException("kind must not be null");
    }
    if (kind == EventKind.TEXT ? textChars <= 0 : textChars != 0) {
      throw new IllegalArgumentException("textChars " + textChars + " does not fit kind " + kind);
    }
    if (ends && kind != EventKind.TEXT) {
      throw new IllegalArgumentException("only a text event is marked as ending, not " + kind);
    }
  }

  /** A text event; shared instances for small sizes without usage, so parsing rarely allocates. */
  static ParsedEvent text(int chars, long usageTokens) {
    if (usageTokens < 0 && chars > 0 && chars < CACHED_TEXT_SIZES) {
      return TEXT_BY_CHARS[chars];
    }
    return new ParsedEvent(EventKind.TEXT, chars, usageTokens);
  }

  /** This event with {@code reason} as its finish reason. */
  ParsedEvent withFinishReason(String reason) {
    return new ParsedEvent(kind, textChars, usageTokens, reason, ends);
  }

  /** This text event, marked as also ending the stream. */
  ParsedEvent endingTheStream() {
    return new ParsedEvent(kind, textChars, usageTokens, finishReason, true);
  }

  /** True when the stream ends with this event: the end marker, or a text event that ends it. */
  public boolean endsStream() {
    return kind == EventKind.END_MARKER || ends;
  }

  /** True when this event carries the server's output-token count. */
  public boolean hasUsage() {
    return usageTokens >= 0;
  }
}
