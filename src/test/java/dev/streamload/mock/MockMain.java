package dev.streamload.mock;

import java.time.Duration;
import java.util.Arrays;
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
 * mock.recordWriteTimes}, {@code mock.writeTimesFile} (where to write the recorded write times
 * when the mock stops, for the benchmark).
 */
public final class MockMain {

  /** Port used when {@code mock.port} is not set. */
  public static final int DEFAULT_PORT = 8089;

  private static final long MAX_MILLIS = MockSettings.MAX_DURATION.toMillis();

  private MockMain() {}

  /** Starts the server, prints how to use it and blocks until the JVM shuts down. */
  public static void main(String[] args) throws InterruptedException {
    MockSettings settings;
    try {
      settings = settingsFrom(System.getProperties());
    } catch (IllegalArgumentException e) {
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
        "  GET  " + url + "/admin/stats",
        "  POST " + url + "/admin/reset",
        "  per request: X-Mock-Fault, X-Mock-Ttft-Ms, X-Mock-Fragments, X-Mock-Gap-Ms,"
            + " X-Mock-Retry-Ms, X-Request-Id",
        "Settings: " + s,
        "Ctrl+C to stop");
  }

  /**
   * Reads the settings from {@code mock.*} properties, defaults for unset ones.
   *
   * @throws IllegalArgumentException naming the property, its bad value and what is allowed
   */
  public static MockSettings settingsFrom(Properties properties) {
    MockSettings defaults = MockSettings.defaults();
    String host = properties.getProperty("mock.host", defaults.host()).trim();
    if (host.isEmpty()) {
      throw new IllegalArgumentException(
          "mock.host has value '': allowed is a host name or IP address, e.g. 127.0.0.1");
    }
    int port = (int) number(properties, "mock.port", DEFAULT_PORT, 65_535, "a TCP port");
    long ttft =
        number(
            properties,
            "mock.ttftMs",
            defaults.timeToFirstFragment().toMillis(),
            MAX_MILLIS,
            "milliseconds");
    int fragments =
        (int)
            number(
                properties,
                "mock.fragments",
                defaults.fragments(),
                MockSettings.MAX_FRAGMENTS,
                "a fragment count");
    long gap =
        number(properties, "mock.gapMs", defaults.gap().toMillis(), MAX_MILLIS, "milliseconds");
    long jitter =
        number(
            properties, "mock.jitterMs", defaults.jitter().toMillis(), MAX_MILLIS, "milliseconds");
    int threads =
        (int)
            number(
                properties,
                "mock.eventLoopThreads",
                defaults.eventLoopThreads(),
                1,
                MockSettings.MAX_EVENT_LOOP_THREADS,
                "a thread count");
    String faultSpec = properties.getProperty("mock.faults", "");
    FaultMix faults;
    try {
      faults = FaultMix.parse(faultSpec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "mock.faults has value '"
              + faultSpec
              + "': "
              + e.getMessage()
              + "; allowed is name=probability,... with names "
              + Arrays.stream(Fault.values())
                  .filter(fault -> fault != Fault.NONE)
                  .map(Fault::wireName)
                  .collect(Collectors.joining(", ")),
          e);
    }
    String record = properties.getProperty("mock.recordWriteTimes", "false").trim();
    if (!record.equals("true") && !record.equals("false")) {
      throw new IllegalArgumentException(
          "mock.recordWriteTimes has value '" + record + "': allowed are true and false");
    }
    return defaults
        .withHost(host)
        .withPort(port)
        .withTimeToFirstFragment(Duration.ofMillis(ttft))
        .withFragments(fragments)
        .withGap(Duration.ofMillis(gap))
        .withJitter(Duration.ofMillis(jitter))
        .withFaultMix(faults)
        .withEventLoopThreads(threads)
        .withRecordWriteTimes(Boolean.parseBoolean(record));
  }

  private static long number(
      Properties properties, String name, long defaultValue, long max, String what) {
    return number(properties, name, defaultValue, 0, max, what);
  }

  private static long number(
      Properties properties, String name, long defaultValue, long min, long max, String what) {
    String value = properties.getProperty(name);
    if (value == null) {
      return defaultValue;
    }
    long parsed;
    try {
      parsed = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      parsed = -1;
    }
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException(
          name
              + " has value '"
              + value
              + "': allowed is "
              + what
              + ", an integer in ["
              + min
              + ", "
              + max
              + "]");
    }
    return parsed;
  }
}
