package dev.streamload.mock;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Immutable configuration of a {@link MockChatServer}, validated on construction.
 *
 * @param host address to bind, e.g. {@code 127.0.0.1}
 * @param port TCP port to bind, 0 for any free port
 * @param timeToFirstFragment delay from the stream headers to the first text fragment
 * @param fragments number of text fragments (one word each) in a normal answer
 * @param gap nominal delay between consecutive text fragments
 * @param jitter each gap is {@code gap} plus a uniform offset in [-jitter, +jitter], never below 0
 * @param accounts username to password of the users that may log in
 * @param apiKey bearer key accepted by the OpenAI dialect endpoint
 * @param faultMix run-wide fault probabilities for stream requests without {@code X-Mock-Fault}
 * @param recordWriteTimes whether to keep the write time of every event per request id
 * @param eventLoopThreads number of Netty worker threads serving connections
 */
public record MockSettings(
    String host,
    int port,
    Duration timeToFirstFragment,
    int fragments,
    Duration gap,
    Duration jitter,
    Map<String, String> accounts,
    String apiKey,
    FaultMix faultMix,
    boolean recordWriteTimes,
    int eventLoopThreads) {

  /** Largest accepted number of fragments per answer, to bound per-stream memory. */
  public static final int MAX_FRAGMENTS = 100_000;

  /** Largest accepted delay setting (1 hour). */
  public static final Duration MAX_DURATION = Duration.ofHours(1);

  /** Largest accepted number of event loop threads. */
  public static final int MAX_EVENT_LOOP_THREADS = 256;

  /** Validates every field and copies the accounts. */
  public MockSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank but was '" + host + "'");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in [0, 65535] but was " + port);
    }
    checkDuration("timeToFirstFragment", timeToFirstFragment);
    if (fragments < 0 || fragments > MAX_FRAGMENTS) {
      throw new IllegalArgumentException(
          "fragments must be in [0, " + MAX_FRAGMENTS + "] but was " + fragments);
    }
    checkDuration("gap", gap);
    checkDuration("jitter", jitter);
    if (accounts == null) {
      throw new IllegalArgumentException("accounts must not be null but was null");
    }
    for (Map.Entry<String, String> account : accounts.entrySet()) {
      if (account.getKey() == null || account.getKey().isBlank()) {
        throw new IllegalArgumentException(
            "accounts must not contain a blank username but had '" + account.getKey() + "'");
      }
      if (account.getValue() == null || account.getValue().isEmpty()) {
        throw new IllegalArgumentException(
            "accounts must not contain an empty password but user '"
                + account.getKey()
                + "' had one");
      }
    }
    accounts = Map.copyOf(accounts);
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank but was blank or null");
    }
    if (faultMix == null) {
      throw new IllegalArgumentException("faultMix must not be null but was null");
    }
    if (eventLoopThreads < 1 || eventLoopThreads > MAX_EVENT_LOOP_THREADS) {
      throw new IllegalArgumentException(
          "eventLoopThreads must be in [1, "
              + MAX_EVENT_LOOP_THREADS
              + "] but was "
              + eventLoopThreads);
    }
  }

  private static void checkDuration(String field, Duration value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null but was null");
    }
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative but was " + value);
    }
    if (value.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          field + " must be at most " + MAX_DURATION + " but was " + value);
    }
  }

  /**
   * 127.0.0.1, a free port, 200 ms to first fragment, 20 fragments 20 ms apart without jitter,
   * users user1..user100 with passwords pass-1..pass-100, API key {@code mock-api-key}, no faults,
   * no write-time recording and one event loop thread.
   */
  public static MockSettings defaults() {
    Map<String, String> accounts = new LinkedHashMap<>();
    for (int n = 1; n <= 100; n++) {
      accounts.put("user" + n, "pass-" + n);
    }
    return new MockSettings(
        "127.0.0.1",
        0,
        Duration.ofMillis(200),
        20,
        Duration.ofMillis(20),
        Duration.ZERO,
        accounts,
        "mock-api-key",
        FaultMix.none(),
        false,
        1);
  }

  /** A copy with another bind address. */
  public MockSettings withHost(String host) {
    return new MockSettings(
        host,
        port,
        timeToFirstFragment,
        fragments,
        gap,
        jitter,
        accounts,
        apiKey,
        faultMix,
        recordWriteTimes,
        eventLoopThreads);
  }

  /** A copy with another port, 0 for any free port. */
  public MockSettings withPort(int port) {
    return new MockSettings(
        host,
        port,
        timeToFirstFragment,
        fragments,
        gap,
        jitter,
        accounts,
        apiKey,
        faultMix,
        recordWriteTimes,
        eventLoopThreads);
  }

  /** A copy with another delay from stream headers to first text fragment. */
  public MockSettings withTimeToFirstFragment(Duration timeToFirstFragment) {
    return new MockSettings(
        host,
        port,
        timeToFirstFragment,
        fragments,
        gap,
        jitter,
        accounts,
        apiKey,
        faultMix,
        recordWriteTimes,
        eventLoopThreads);
  }

  /** A copy with another number of text fragments per answer. */
  public MockSettings withFragments(int fragments) {
    return new MockSettings(
        host,
        port,
        timeToFirstFragment,
        fragments,
        gap,
        jitter,
        accounts,
        apiKey,
        faultMix,
        recordWriteTimes,
        eventLoopThreads);
  }

  /** A copy with another nominal delay between fragments. */
  public MockSettings withGap(Duration gap) {
    return new MockSettings(
        host,
        port,
        timeToFirstFragment,
        fragments,
        gap,
        jitter,
        accounts,
        apiKey,
        faultMix,
        recordWriteTimes,
        eventLoopThreads);
  }

  /** A copy with another gap jitter (each gap varies uniformly by up to this much). */
  public MockSettings withJitter(Duration jitter) {
    return new MockSettings(
        host,
        port,
        timeToFirstFragment,
        fragments,
        gap,
        jitter,
        accounts,
        apiKey,
        faultMix,
        recordWriteTimes,
        eventLoopThreads);
  }

  /** A copy with other accounts (username to password). */
  public MockSettings withAccounts(Map<String, String> accounts) {
    return new MockSettings(
        host,
        port,
        timeToFirstFragment,
        fragments,
        gap,
        jitter,
        accounts,
        apiKey,
        faultMix,
        recordWriteTimes,
        eventLoopThreads);
  }

  /** A copy with another API key for the OpenAI dialect. */
  public MockSettings withApiKey(String apiKey) {
    return new MockSettings(
        host,
        port,
        timeToFirstFragment,
        fragments,
        gap,
        jitter,
        accounts,
        apiKey,
        faultMix,
        recordWriteTimes,
        eventLoopThreads);
  }

  /** A copy with another run-wide fault mix. */
  public MockSettings withFaultMix(FaultMix faultMix) {
    return new MockSettings(
        host,
        port,
        timeToFirstFragment,
        fragments,
        gap,
        jitter,
        accounts,
        apiKey,
        faultMix,
        recordWriteTimes,
        eventLoopThreads);
  }

  /** A copy that does or does not record event write times. */
  public MockSettings withRecordWriteTimes(boolean recordWriteTimes) {
    return new MockSettings(
        host,
        port,
        timeToFirstFragment,
        fragments,
        gap,
        jitter,
        accounts,
        apiKey,
        faultMix,
        recordWriteTimes,
        eventLoopThreads);
  }

  /** A copy with another number of event loop threads. */
  public MockSettings withEventLoopThreads(int eventLoopThreads) {
    return new MockSettings(
        host,
        port,
        timeToFirstFragment,
        fragments,
        gap,
        jitter,
        accounts,
        apiKey,
        faultMix,
        recordWriteTimes,
        eventLoopThreads);
  }

  /** Describes the settings without passwords or the API key. */
  @Override
  public String toString() {
    return "MockSettings[host="
        + host
        + ", port="
        + port
        + ", timeToFirstFragment="
        + timeToFirstFragment
        + ", fragments="
        + fragments
        + ", gap="
        + gap
        + ", jitter="
        + jitter
        + ", accounts="
        + accounts.size()
        + " users, apiKey=<redacted>, faultMix="
        + (faultMix.isNone() ? "none" : faultMix.toSpec())
        + ", recordWriteTimes="
        + recordWriteTimes
        + ", eventLoopThreads="
        + eventLoopThreads
        + "]";
  }
}
