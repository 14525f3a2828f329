package dev.streamload.mock;

import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;

/**
 * Per-request overrides read from {@code X-Mock-*} headers of a stream request; a null field means
 * the run-wide setting applies.
 *
 * @param fault fault forced by {@code X-Mock-Fault}
 * @param timeToFirstFragment delay to the first fragment from {@code X-Mock-Ttft-Ms}
 * @param fragments fragment count from {@code X-Mock-Fragments}
 * @param gap delay between fragments from {@code X-Mock-Gap-Ms}
 * @param retryMillis SSE reconnection delay in milliseconds sent as {@code retry:} from {@code
 *     X-Mock-Retry-Ms}
 */
record StreamOverrides(
    Fault fault, Duration timeToFirstFragment, Integer fragments, Duration gap, Long retryMillis) {

  static final String FAULT = "X-Mock-Fault";
  static final String TTFT_MS = "X-Mock-Ttft-Ms";
  static final String FRAGMENTS = "X-Mock-Fragments";
  static final String GAP_MS = "X-Mock-Gap-Ms";
  static final String RETRY_MS = "X-Mock-Retry-Ms";

  private static final long MAX_MILLIS = MockSettings.MAX_DURATION.toMillis();

  /**
   * Reads the override headers.
   *
   * @throws IllegalArgumentException naming the header, its value and what is allowed
   */
  static StreamOverrides from(HttpHeaders headers) {
    Fault fault = null;
    String faultValue = headers.get(FAULT);
    if (faultValue != null) {
      try {
        fault = Fault.fromWireName(faultValue);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "header "
                + FAULT
                + " has value '"
                + faultValue
                + "': allowed are "
                + Fault.allowedNames(),
            e);
      }
    }
    Long ttft = number(headers, TTFT_MS, MAX_MILLIS);
    Long fragments = number(headers, FRAGMENTS, MockSettings.MAX_FRAGMENTS);
    Long gap = number(headers, GAP_MS, MAX_MILLIS);
    Long retry = number(headers, RETRY_MS, MAX_MILLIS);
    return new StreamOverrides(
        fault,
        ttft == null ? null : Duration.ofMillis(ttft),
        fragments == null ? null : fragments.intValue(),
        gap == null ? null : Duration.ofMillis(gap),
        retry);
  }

  private static Long number(HttpHeaders headers, String name, long max) {
    String value = headers.get(name);
    if (value == null) {
      return null;
    }
    long parsed;
    try {
      parsed = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      parsed = -1;
    }
    if (parsed < 0 || parsed > max) {
      throw new IllegalArgumentException(
          "header "
              + name
              + " has value '"
              + value
              + "': allowed is an integer in [0, "
              + max
              + "]");
    }
    return parsed;
  }
}
