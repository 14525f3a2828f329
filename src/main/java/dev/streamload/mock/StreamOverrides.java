package dev.streamload.mock;

import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

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
 * @param finishReason finish reason of a complete answer from {@code X-Mock-Finish-Reason}
 * @param words the answer's words from {@code X-Mock-Text}, one fragment each (they set the
 *     fragment count)
 * @param pingMillis keep-alive ping interval in milliseconds from {@code X-Mock-Ping-Ms} (0 for
 *     none), for the APIs that send pings
 */
record StreamOverrides(
    Fault fault,
    Duration timeToFirstFragment,
    Integer fragments,
    Duration gap,
    Long retryMillis,
    String finishReason,
    List<String> words,
    Long pingMillis) {

  static final String FAULT = "X-Mock-Fault";
  static final String TTFT_MS = "X-Mock-Ttft-Ms";
  static final String FRAGMENTS = "X-Mock-Fragments";
  static final String GAP_MS = "X-Mock-Gap-Ms";
  static final String RETRY_MS = "X-Mock-Retry-Ms";
  static final String FINISH_REASON = "X-Mock-Finish-Reason";
  static final String TEXT = "X-Mock-Text";
  static final String PING_MS = "X-Mock-Ping-Ms";

  /** Longest {@code X-Mock-Text}, in chars. */
  static final int MAX_TEXT_CHARS = 4096;

  private static final Pattern REASON = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

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
    Long ping = number(headers, PING_MS, MAX_MILLIS);
    String reason = headers.get(FINISH_REASON);
    if (reason != null && !REASON.matcher(reason.trim()).matches()) {
      throw new IllegalArgumentException(
          "header "
              + FINISH_REASON
              + " has value '"
              + reason
              + "': allowed are 1 to 64 letters, digits, '_', '.' or '-'");
    }
    List<String> words = words(headers.get(TEXT));
    return new StreamOverrides(
        fault,
        ttft == null ? null : Duration.ofMillis(ttft),
        words != null
            ? Integer.valueOf(words.size())
            : fragments == null ? null : fragments.intValue(),
        gap == null ? null : Duration.ofMillis(gap),
        retry,
        reason == null ? null : reason.trim(),
        words,
        ping);
  }

  private static List<String> words(String text) {
    if (text == null) {
      return null;
    }
    if (text.isBlank() || text.length() > MAX_TEXT_CHARS) {
      throw new IllegalArgumentException(
          "header "
              + TEXT
              + " has "
              + (text.isBlank() ? "a blank value" : text.length() + " chars")
              + ": allowed is a text of 1 to "
              + MAX_TEXT_CHARS
              + " chars, its words become the fragments");
    }
    return Arrays.asList(text.trim().split("\\s+"));
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
