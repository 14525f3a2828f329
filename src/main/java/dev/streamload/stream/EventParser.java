package dev.streamload.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * Classifies one SSE event, as Gatling hands it over ({@code {"event":..,"id":..,"data":..}}), into
 * a {@link ParsedEvent}; thread-safe, built once per dialect and shared.
 *
 * <p>How an event is read:
 *
 * <ol>
 *   <li>The end marker is found by substring on the raw message, before any JSON parsing, because
 *       Gatling pastes {@code data: [DONE]} raw and {@code {"data":[DONE]}} is not JSON. When the
 *       marker directly follows {@code "data":} the event is the end marker. Otherwise the event is
 *       parsed, and it stays an end marker unless it carries text or an error, or is malformed: a
 *       marker inside generated text (a model writing "[DONE]") or inside an error message is not
 *       the end of the stream, and neither is a broken event that happens to contain it. Data that
 *       is the marker as a string ({@code {"data":"[DONE]"}}) is the end marker too.
 *   <li>The message is streamed once with Jackson's {@link JsonParser}; only the members on the
 *       dialect's paths (compiled once into {@link JsonPointer}s and a small lookup tree) are read,
 *       everything else is skipped without building strings or trees. Text length is taken with
 *       {@link JsonParser#getTextLength()}, so no {@code String} is created for text; only when the
 *       caller passes a buffer ({@link #parse(String, StringBuilder)}, for content checks or the
 *       answer sample) are the text's chars copied into it. A finish reason (once per stream) is
 *       the only string the parser creates.
 *   <li>Anything Jackson rejects, a message that is not one JSON object, or data that starts like
 *       JSON but is not (Gatling hands it over as a string, e.g. a truncated object), is {@link
 *       EventKind#MALFORMED}; parsing never throws.
 * </ol>
 *
 * <p>The dialect's other rules are read in the same single pass: the SSE event name (the wrapper's
 * {@code event} member) against the end rule's names and {@code errorEvents}, and the end and error
 * {@link JsonCondition}s at their paths. In {@link TextMode#PLAIN} the data string itself is the
 * text. {@link #forMessages} reads WebSocket messages, where the message is the data (no wrapper,
 * no event name). Cumulative text is a per-stream matter: {@link StreamRecorder} counts what each
 * event adds.
 *
 * <p>Precedence inside a parsed event: ERROR &gt; TEXT (which may also end the stream: {@link
 * ParsedEvent#ends()}) &gt; end by rule &gt; USAGE &gt; NO_TEXT. A {@code null} error member does
 * not count (some APIs send {@code "error":null}), nor does a {@code null} or non-string finish
 * reason (OpenAI sends {@code "finish_reason":null} on every chunk but the last).
 */
public final class EventParser {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final String RAW_DATA_PREFIX = "\"data\":";

  private final StreamDialect dialect;
  private final boolean messages;
  private final String endMarker;
  private final String[] endEvents;
  private final JsonCondition endWhen;
  private final JsonCondition errorWhen;
  private final String[] errorEvents;
  private final boolean plain;
  private final Node root;

  /** Compiles the dialect's paths once, for SSE events as Gatling renders them. */
  public EventParser(StreamDialect dialect) {
    this(dialect, false);
  }

  /**
   * A parser for messages that are the data themselves (WebSocket frames): the dialect's paths and
   * conditions apply to the whole message, and there is no event name.
   */
  public static EventParser forMessages(StreamDialect dialect) {
    return new EventParser(dialect, true);
  }

  private EventParser(StreamDialect dialect, boolean messages) {
    if (dialect == null) {
      throw new IllegalArgumentException("dialect must not be null");
    }
    this.dialect = dialect;
    this.messages = messages;
    EndRule end = dialect.endRule();
    this.endMarker = end.marker();
    this.endEvents = end.eventNames().toArray(new String[0]);
    this.endWhen = end.condition();
    this.errorWhen = dialect.errorWhen();
    this.errorEvents = dialect.errorEvents().toArray(new String[0]);
    this.plain = dialect.textMode() == TextMode.PLAIN;
    Node data = new Node();
    if (!plain) {
      for (JsonPointer p : dialect.textPointers()) {
        data.add(p).text = true;
      }
    }
    dialect.usageTokensPointer().ifPresent(p -> data.add(p).usage = true);
    dialect.errorPointer().ifPresent(p -> data.add(p).error = true);
    dialect.finishReasonPointer().ifPresent(p -> data.add(p).finish = true);
    if (endWhen != null) {
      data.add(endWhen.pointer()).endWhen = true;
    }
    if (errorWhen != null) {
      data.add(errorWhen.pointer()).errorWhen = true;
    }
    if (messages) {
      this.root = data;
    } else {
      data.mustBeJson = true;
      data.plainText = plain;
      this.root = new Node();
      this.root.addChild("data", data);
      if (endEvents.length > 0 || errorEvents.length > 0) {
        Node name = new Node();
        name.eventName = true;
        this.root.addChild("event", name);
      }
    }
  }

  /** The dialect this parser was built from. */
  public StreamDialect dialect() {
    return dialect;
  }

  /** Classifies one event message; never throws, a null or empty message is malformed. */
  public ParsedEvent parse(String message) {
    return parse(message, null);
  }

  /**
   * Classifies one event message and, when {@code text} is not null and the event is {@link
   * EventKind#TEXT}, appends its generated text (every text path, in document order) to {@code
   * text}; other events leave {@code text} as it was. Never throws.
   */
  public ParsedEvent parse(String message, StringBuilder text) {
    int mark = text == null ? 0 : text.length();
    ParsedEvent event = classify(message, text);
    if (text != null && event.kind() != EventKind.TEXT) {
      text.setLength(mark);
    }
    return event;
  }

  private ParsedEvent classify(String message, StringBuilder text) {
    if (message == null || message.isEmpty()) {
      return ParsedEvent.MALFORMED;
    }
    if (messages && plain) {
      return plainMessage(message, text);
    }
    int at = endMarker == null ? -1 : message.indexOf(endMarker);
    if (at < 0) {
      return walk(message, text);
    }
    if (messages
        ? message.strip().equals(endMarker)
        : at >= RAW_DATA_PREFIX.length()
            && message.startsWith(RAW_DATA_PREFIX, at - RAW_DATA_PREFIX.length())) {
      return ParsedEvent.END_MARKER;
    }
    ParsedEvent parsed = walk(message, text);
    switch (parsed.kind()) {
      case TEXT:
      case ERROR:
      case MALFORMED:
        return parsed;
      default:
        return parsed.hasUsage() || parsed.finishReason() != null
            ? new ParsedEvent(EventKind.END_MARKER, 0, parsed.usageTokens(), parsed.finishReason())
            : ParsedEvent.END_MARKER;
    }
  }

  /** A plain-text message (WebSocket, {@code stream.text=plain}): the message is the text. */
  private ParsedEvent plainMessage(String message, StringBuilder text) {
    if (endMarker != null && message.strip().equals(endMarker)) {
      return ParsedEvent.END_MARKER;
    }
    if (text != null) {
      text.append(message);
    }
    return ParsedEvent.text(message.length(), -1);
  }

  private ParsedEvent walk(String message, StringBuilder text) {
    try (JsonParser p = JSON.createParser(message)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return ParsedEvent.MALFORMED;
      }
      Walk w = new Walk(this, text);
      w.object(p, root);
      if (p.nextToken() != null) {
        return ParsedEvent.MALFORMED;
      }
      if (w.malformed) {
        return ParsedEvent.MALFORMED;
      }
      boolean ends = w.endMatched || among(endEvents, w.eventName);
      ParsedEvent event;
      if (w.error || w.errorMatched || among(errorEvents, w.eventName)) {
        event = w.usage >= 0 ? new ParsedEvent(EventKind.ERROR, 0, w.usage) : ParsedEvent.ERROR;
      } else if (w.chars > 0) {
        event = ParsedEvent.text(w.chars, w.usage);
        if (ends) {
          event = event.endingTheStream();
        }
      } else if (ends) {
        event = new ParsedEvent(EventKind.END_MARKER, 0, w.usage);
      } else if (w.usage >= 0) {
        event = new ParsedEvent(EventKind.USAGE, 0, w.usage);
      } else {
        event = ParsedEvent.NO_TEXT;
      }
      return w.finish == null ? event : event.withFinishReason(w.finish);
    } catch (IOException | RuntimeException e) {
      return ParsedEvent.MALFORMED;
    }
  }

  private static boolean among(String[] names, String name) {
    if (name == null) {
      return false;
    }
    for (String e : names) {
      if (e.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean looksLikeJson(String data) {
    String t = data.strip();
    return !t.isEmpty() && (t.charAt(0) == '{' || t.charAt(0) == '[');
  }

  /** What one walk over a message found; one small object per parse. */
  private static final class Walk {
    final EventParser parser;
    final StringBuilder text;
    int chars;
    long usage = -1;
    String finish;
    String eventName;
    boolean error;
    boolean errorMatched;
    boolean endMatched;
    boolean malformed;

    Walk(EventParser parser, StringBuilder text) {
      this.parser = parser;
      this.text = text;
    }

    /** Reads the members of the object whose START_OBJECT is the current token. */
    void object(JsonParser p, Node node) throws IOException {
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken value = p.nextToken();
        Node child = node.child(name);
        if (child == null) {
          p.skipChildren();
        } else {
          value(p, value, child);
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new IOException("unexpected token " + p.currentToken());
      }
    }

    /** Reads the elements of the array whose START_ARRAY is the current token. */
    void array(JsonParser p, Node node) throws IOException {
      int index = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new IOException("unexpected end of input");
        }
        Node child = node.element(index++);
        if (child == null) {
          p.skipChildren();
        } else {
          value(p, t, child);
        }
      }
    }

    void value(JsonParser p, JsonToken t, Node node) throws IOException {
      if (node.error && t != JsonToken.VALUE_NULL) {
        error = true;
      }
      if (node.endWhen || node.errorWhen) {
        conditions(p, t, node);
      }
      switch (t) {
        case VALUE_STRING:
          if (node.text) {
            chars += p.getTextLength();
            if (text != null) {
              text.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            }
          } else if (node.finish) {
            String reason = p.getText();
            if (!reason.isEmpty()) {
              finish =
                  reason.length() > ParsedEvent.MAX_FINISH_REASON_CHARS
                      ? reason.substring(0, ParsedEvent.MAX_FINISH_REASON_CHARS)
                      : reason;
            }
          } else if (node.plainText) {
            // Plain-text data (stream.text=plain): the data line is the text, unless it is the
            // end marker itself.
            int length = p.getTextLength();
            String marker = parser.endMarker;
            if (length > 0
                && !(marker != null && length == marker.length() && p.getText().equals(marker))) {
              chars += length;
              if (text != null) {
                text.append(p.getTextCharacters(), p.getTextOffset(), length);
              }
            }
          } else if (node.mustBeJson) {
            // Gatling pastes data that starts and ends like JSON raw; data that starts like JSON
            // but reaches us as a string is broken JSON (e.g. a truncated object), unless it is
            // the end marker itself. Plain strings ("ping" keep-alives) stay events without text.
            String data = p.getText();
            if (looksLikeJson(data) && !data.strip().equals(parser.endMarker)) {
              malformed = true;
            }
          } else if (node.eventName) {
            eventName = p.getText();
          }
          break;
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          if (node.usage) {
            long v = p.getValueAsLong(-1);
            if (v >= 0) {
              usage = v;
            }
          }
          break;
        case START_OBJECT:
          if (node.hasNames()) {
            object(p, node);
          } else {
            p.skipChildren();
          }
          break;
        case START_ARRAY:
          if (node.hasElements()) {
            array(p, node);
          } else {
            p.skipChildren();
          }
          break;
        default:
          break;
      }
    }

    /** Evaluates the end and error conditions whose path ends at {@code node}. */
    private void conditions(JsonParser p, JsonToken t, Node node) throws IOException {
      boolean structure = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY;
      String found = structure || t == JsonToken.VALUE_NULL ? null : p.getText();
      boolean number = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
      if (node.endWhen) {
        JsonCondition c = parser.endWhen;
        endMatched |= structure ? c.testStructure() : c.testScalar(found, number);
      }
      if (node.errorWhen) {
        JsonCondition c = parser.errorWhen;
        errorMatched |= structure ? c.testStructure() : c.testScalar(found, number);
      }
    }
  }

  /**
   * One step of the compiled paths. A numeric pointer segment matches both an array index and a
   * member of that name, as {@link JsonPointer} does.
   */
  private static final class Node {
    private String[] names = new String[0];
    private Node[] byName = new Node[0];
    private Node[] byIndex = new Node[0];
    boolean text;
    boolean usage;
    boolean error;
    boolean finish;
    boolean mustBeJson;
    boolean plainText;
    boolean eventName;
    boolean endWhen;
    boolean errorWhen;

    Node add(JsonPointer pointer) {
      Node node = this;
      for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
        Node next = node.child(p.getMatchingProperty());
        if (next == null) {
          next = new Node();
          node.addChild(p.getMatchingProperty(), next);
        }
        int index = p.getMatchingIndex();
        if (index >= 0) {
          if (index >= node.byIndex.length) {
            node.byIndex = Arrays.copyOf(node.byIndex, index + 1);
          }
          node.byIndex[index] = next;
        }
        node = next;
      }
      return node;
    }

    void addChild(String name, Node child) {
      names = Arrays.copyOf(names, names.length + 1);
      byName = Arrays.copyOf(byName, byName.length + 1);
      names[names.length - 1] = name;
      byName[byName.length - 1] = child;
    }

    Node child(String name) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return byName[i];
        }
      }
      return null;
    }

    Node element(int index) {
      return index < byIndex.length ? byIndex[index] : null;
    }

    boolean hasNames() {
      return names.length > 0;
    }

    boolean hasElements() {
      return byIndex.length > 0;
    }
  }
}
