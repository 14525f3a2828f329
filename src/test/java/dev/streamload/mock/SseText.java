package dev.streamload.mock;

import java.util.ArrayList;
import java.util.List;

/** Splits a server-sent event body into events for test assertions. */
final class SseText {

  /**
   * One event.
   *
   * @param event the {@code event:} value, or null when absent
   * @param data the {@code data:} value (lines joined with newline), or null when absent
   * @param retry the {@code retry:} value, or null when absent
   */
  record Event(String event, String data, String retry) {}

  private SseText() {}

  /** Events terminated by a blank line, in order; a trailing unterminated event is dropped. */
  static List<Event> events(String body) {
    List<Event> events = new ArrayList<>();
    String normalized = body.replace("\r\n", "\n");
    int start = 0;
    for (int end = normalized.indexOf("\n\n"); end >= 0; end = normalized.indexOf("\n\n", start)) {
      String block = normalized.substring(start, end);
      start = end + 2;
      StringBuilder data = null;
      String retry = null;
      String event = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("data:")) {
          String value = line.substring(5);
          value = value.startsWith(" ") ? value.substring(1) : value;
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        } else if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("retry:")) {
          retry = line.substring(6).trim();
        }
      }
      events.add(new Event(event, data == null ? null : data.toString(), retry));
    }
    return events;
  }

  /** Just the event name of each event (null when it has no {@code event:} line). */
  static List<String> names(String body) {
    return events(body).stream().map(Event::event).toList();
  }

  /** Just the data of each event. */
  static List<String> data(String body) {
    return events(body).stream().map(Event::data).toList();
  }
}
