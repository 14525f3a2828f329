package dev.streamload.mock;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** One preset API's stream request against a mock, sent on a fresh raw connection per call. */
final class PresetCall {

  /**
   * No byte for this long, once the server has written all it will, shows a silent stream; the
   * events come 5 ms apart in these tests.
   */
  static final Duration SILENCE = Duration.ofMillis(300);

  private final MockChatServer mock;
  private final String method;
  private final String path;
  private final Map<String, String> headers;
  private final String body;

  PresetCall(
      MockChatServer mock, String method, String path, Map<String, String> headers, String body) {
    this.mock = mock;
    this.method = method;
    this.path = path;
    this.headers = Map.copyOf(headers);
    this.body = body;
  }

  /** The same request with another body. */
  PresetCall withBody(String other) {
    return new PresetCall(mock, method, path, headers, other);
  }

  /** The same request on another path (e.g. with another query). */
  PresetCall withPath(String other) {
    return new PresetCall(mock, method, other, headers, body);
  }

  /** The same request with these headers instead. */
  PresetCall withHeaders(Map<String, String> other) {
    return new PresetCall(mock, method, path, other, body);
  }

  /** The headers plus one more (or one replaced). */
  Map<String, String> headersWith(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return all;
  }

  /** Sends the request and reads the whole response. */
  RawHttp.Response send() throws IOException {
    return send(headers);
  }

  /** Sends the request with {@code X-Mock-Fault} and reads the whole response. */
  RawHttp.Response send(Fault fault) throws IOException {
    return send(headersWith(StreamOverrides.FAULT, fault.wireName()));
  }

  /**
   * Sends the request with {@code X-Mock-Fault}, waits until the stream has started and written
   * {@code events} events, then reads until {@link #SILENCE}.
   */
  RawHttp.Response sendAndWaitForSilence(Fault fault, int events)
      throws IOException, InterruptedException {
    long started = mock.counters().streamsStarted();
    long written = mock.counters().eventsWritten();
    try (RawHttp http = RawHttp.connect(mock.port())) {
      http.send(method, path, headersWith(StreamOverrides.FAULT, fault.wireName()), body);
      Poll.until(
          "the stream started and wrote " + events + " events",
          Poll.GENEROUS,
          () ->
              mock.counters().streamsStarted() > started
                  && mock.counters().eventsWritten() - written >= events);
      return http.read(SILENCE);
    }
  }

  private RawHttp.Response send(Map<String, String> with) throws IOException {
    try (RawHttp http = RawHttp.connect(mock.port())) {
      return http.exchange(method, path, with, body, Poll.GENEROUS);
    }
  }
}
