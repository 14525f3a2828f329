package dev.streamload.mock;

import dev.streamload.config.ConfigException;
import dev.streamload.config.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Runs the mock chat API from the command line, configured by {@code -Dmock.*} system properties,
 * until Ctrl+C.
 *
 * <p>Properties: {@code mock.port} (default 8089), {@code mock.host} (127.0.0.1), {@code
 * mock.ttftMs}, {@code mock.fragments}, {@code mock.gapMs}, {@code mock.jitterMs}, {@code
 * mock.faults} (e.g. {@code interrupt=0.05,http_429=0.02}), {@code mock.eventLoopThreads}, {@code
 * mock.recordWriteTimes}, {@code mock.writeTimesFile} (where to write the recorded write times when
 * the mock stops, for the benchmark).
 */
public final class MockMain {

  /** Port used when {@code mock.port} is not set. */
  public static final int DEFAULT_PORT = 8089;

  private static final int MAX_MILLIS = (int) MockSettings.MAX_DURATION.toMillis();

  private MockMain() {}

  /** Starts the server, prints how to use it and blocks until the JVM shuts down. */
  public static void main(String[] args) throws InterruptedException {
    MockSettings settings;
    try {
      settings = settingsFrom(Settings.fromSystem());
    } catch (ConfigException e) {
      System.err.println("mock: " + e.getMessage());
      System.exit(2);
      return;
    }
    MockChatServer server;
    try {
      server = MockChatServer.start(settings);
    } catch (IllegalStateException e) {
      System.err.println("mock: " + e.getMessage() + " (set -Dmock.port to a free port)");
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  String dump = System.getProperty("mock.writeTimesFile", "");
                  if (!dump.isBlank() && settings.recordWriteTimes()) {
                    try {
                      WriteTimesFile.write(server.writeTimes(), java.nio.file.Path.of(dump));
                    } catch (java.io.IOException e) {
                      System.err.println("mock: cannot write " + dump + ": " + e);
                    }
                  }
                  server.close();
                  System.out.println("mock stopped");
                  stopped.countDown();
                },
                "mock-shutdown"));
    System.out.println(usage(server));
    stopped.await();
  }

  /** The banner printed at start: base URL, endpoints, settings and how to stop. */
  static String usage(MockChatServer server) {
    MockSettings s = server.settings();
    String url = server.baseUrl();
    return String.join(
        "\n",
        "Mock chat API listening on " + url,
        "  POST "
            + url
            + "/api/auth/login      {\"username\":\"user1\",\"password\":\"pass-1\"}"
            + " (users user1..userN, password pass-<n>)",
        "  POST " + url + "/api/conversations   Authorization: Bearer <token>",
        "  POST "
            + url
            + "/api/chat/stream     Authorization: Bearer <token>,"
            + " {\"conversationId\":\"..\",\"prompt\":\"..\"}",
        "  POST "
            + url
            + "/v1/chat/completions Authorization: Bearer "
            + s.apiKey()
            + ","
            + " {\"model\":\"..\",\"stream\":true,\"messages\":[..]}",
        "  POST "
            + url
            + "/v1/messages         Anthropic: x-api-key, anthropic-version,"
            + " {\"model\",\"max_tokens\",\"messages\",\"stream\":true}",
        "  POST "
            + url
            + "/v1/responses        OpenAI Responses: {\"model\",\"input\",\"stream\":true}",
        "  POST "
            + url
            + "/v1beta/models/<model>:streamGenerateContent?alt=sse  Gemini: x-goog-api-key,"
            + " {\"contents\":[..]}",
        "  POST "
            + url
            + "/v1/chat-messages    Dify: {\"inputs\",\"query\",\"user\","
            + "\"response_mode\":\"streaming\"}",
        "  GET  " + url + "/flux/chat?q=..      plain-text SSE (also POST)",
        "  GET  " + url + "/chat/stream?q=..    cumulative text, ends with event: done",
        "  (the API key of every API: " + s.apiKey() + ")",
        "  GET  " + url + "/admin/stats",
        "  POST " + url + "/admin/reset",
        "  per request: X-Mock-Fault, X-Mock-Ttft-Ms, X-Mock-Fragments, X-Mock-Gap-Ms,"
            + " X-Mock-Retry-Ms, X-Mock-Finish-Reason, X-Mock-Text, X-Mock-Ping-Ms, X-Request-Id",
        "Settings: " + s,
        "Ctrl+C to stop");
  }

  /** Reads the settings from {@code mock.*} properties; see {@link #settingsFrom(Settings)}. */
  public static MockSettings settingsFrom(Properties properties) {
    Map<String, String> map = new HashMap<>();
    properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
    return settingsFrom(new Settings(map, Map.of()));
  }

  /**
   * Reads the settings from {@code mock.*} properties (or their {@code STREAMLOAD_MOCK_*}
   * environment variables), defaults for unset ones.
   *
   * @throws ConfigException naming every bad property, its value and what is allowed
   */
  public static MockSettings settingsFrom(Settings s) {
    MockSettings defaults = MockSettings.defaults();
    String host = s.nonBlank("mock.host", defaults.host());
    int port = s.integer("mock.port", DEFAULT_PORT, 0, 65_535);
    int ttft = s.integer("mock.ttftMs", millis(defaults.timeToFirstFragment()), 0, MAX_MILLIS);
    int fragments =
        s.integer("mock.fragments", defaults.fragments(), 0, MockSettings.MAX_FRAGMENTS);
    int gap = s.integer("mock.gapMs", millis(defaults.gap()), 0, MAX_MILLIS);
    int jitter = s.integer("mock.jitterMs", millis(defaults.jitter()), 0, MAX_MILLIS);
    int threads =
        s.integer(
            "mock.eventLoopThreads",
            defaults.eventLoopThreads(),
            1,
            MockSettings.MAX_EVENT_LOOP_THREADS);
    String faultSpec = s.string("mock.faults", "");
    FaultMix faults = FaultMix.none();
    try {
      faults = FaultMix.parse(faultSpec);
    } catch (IllegalArgumentException e) {
      s.problem(
          "mock.faults",
          faultSpec,
          "name=probability,... ("
              + e.getMessage()
              + ") with names "
              + Arrays.stream(Fault.values())
                  .filter(fault -> fault != Fault.NONE)
                  .map(Fault::wireName)
                  .collect(Collectors.joining(", ")));
    }
    boolean record = s.bool("mock.recordWriteTimes", false);
    s.throwIfInvalid();
    return defaults
        .withHost(host)
        .withPort(port)
        .withTimeToFirstFragment(Duration.ofMillis(ttft))
        .withFragments(fragments)
        .withGap(Duration.ofMillis(gap))
        .withJitter(Duration.ofMillis(jitter))
        .withFaultMix(faults)
        .withEventLoopThreads(threads)
        .withRecordWriteTimes(record);
  }

  private static int millis(Duration d) {
    return (int) d.toMillis();
  }
}
