package dev.streamload.api;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads one value, such as Dify's {@code conversation_id}, from the events of a streamed answer:
 * the first event whose data holds a non-empty string or number at the path gives it. Each event is
 * parsed only until the value is found. Not thread-safe: one per stream.
 */
public final class AnswerValue {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonPointer pointer;
  private String value;

  /** Reads the value at {@code path} (dotted path syntax of {@code stream.textPaths}). */
  public AnswerValue(String path) {
    this.pointer = pointer(path);
  }

  /**
   * {@code a.b[0].c} as the JSON pointer {@code /a/b/0/c}.
   *
   * @throws IllegalArgumentException naming the path when a step is empty
   */
  static JsonPointer pointer(String path) {
    StringBuilder sb = new StringBuilder();
    for (String step : path.replace("[", ".").replace("]", "").split("\\.", -1)) {
      if (step.isBlank()) {
        throw new IllegalArgumentException(
            "'" + path + "' is not a dotted path such as conversation_id or data.conversation.id");
      }
      sb.append('/').append(step.trim().replace("~", "~0").replace("/", "~1"));
    }
    return JsonPointer.compile(sb.toString());
  }

  /**
   * Looks at one event, given as Gatling's SSE message ({@code {"event":..,"data":".."}}) or as the
   * data itself.
   */
  public void offer(String message) {
    if (value != null || message == null) {
      return;
    }
    try {
      JsonNode node = JSON.readTree(message);
      if (node != null && node.path("data").isTextual()) {
        String data = node.get("data").asText();
        node = data.startsWith("{") ? JSON.readTree(data) : null;
      }
      if (node == null) {
        return;
      }
      JsonNode found = node.at(pointer);
      if ((found.isTextual() && !found.asText().isEmpty()) || found.isNumber()) {
        value = found.asText();
      }
    } catch (java.io.IOException e) {
      // Not JSON: no value in this event.
    }
  }

  /** The value, or null when no event had it. */
  public String value() {
    return value;
  }
}
