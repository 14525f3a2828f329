package dev.streamload.stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Says what a problem event said, for the failure detail of its stream: the server's error type and
 * message for an error event, what was wrong and the start of the data for a malformed one. Runs
 * only on the rare problem event (it parses the message a second time, into a tree); the result
 * still goes through the stream result's credential masking and length cut.
 */
final class EventDetails {

  /** Most chars of the event's data quoted in a detail. */
  static final int QUOTE_CHARS = 120;

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventDetails() {}

  /**
   * {@code error event: <type>: <message>} from the error member at {@code errorPointer} below
   * {@code data} ({@code {"error":{"type":..,"message":..}}}, {@code {"error":"text"}}, ...).
   */
  static String error(String message, Optional<JsonPointer> errorPointer) {
    JsonNode data = data(message);
    JsonNode error = data == null || errorPointer.isEmpty() ? null : data.at(errorPointer.get());
    if (error == null || error.isMissingNode() || error.isNull()) {
      return "error event: " + quote(message);
    }
    if (error.isValueNode()) {
      return "error event: " + cut(error.asText());
    }
    String type = firstText(error, "type", "code", "status", "name");
    String text = firstText(error, "message", "msg", "detail", "error");
    if (type == null && text == null) {
      return "error event: " + cut(error.toString());
    }
    return "error event: "
        + (type == null ? "" : type)
        + (type != null && text != null ? ": " : "")
        + (text == null ? "" : cut(text));
  }

  /** {@code malformed event (<what>): <start of the data>}. */
  static String malformed(String message) {
    if (message == null || message.isEmpty()) {
      return "malformed event: empty message";
    }
    JsonNode outer;
    try {
      outer = JSON.readTree(message);
    } catch (Exception e) {
      // Gatling pastes data that starts with { or [ raw, so a broken JSON body breaks the
      // whole message: quote it from its data member.
      int at = message.indexOf("\"data\":");
      String data = at >= 0 ? message.substring(at + 7) : message;
      return "malformed event (data is not valid JSON): " + quote(data);
    }
    JsonNode data = outer.path("data");
    if (data.isTextual()) {
      return "malformed event (data is not a JSON object): " + quote(data.asText());
    }
    return "malformed event (data is not a JSON object): " + quote(data.toString());
  }

  private static JsonNode data(String message) {
    try {
      JsonNode outer = JSON.readTree(message);
      JsonNode data = outer == null ? null : outer.get("data");
      if (data != null && data.isTextual()) {
        String text = data.asText().trim();
        if (text.startsWith("{")) {
          return JSON.readTree(text);
        }
      }
      return data;
    } catch (Exception e) {
      return null;
    }
  }

  private static String firstText(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode value = node.get(name);
      if (value != null && !value.isNull() && !value.isContainerNode()) {
        return value.asText();
      }
    }
    return null;
  }

  private static String quote(String s) {
    return "'" + cut(s) + "'";
  }

  private static String cut(String s) {
    return s.length() <= QUOTE_CHARS ? s : s.substring(0, QUOTE_CHARS) + "...";
  }
}
