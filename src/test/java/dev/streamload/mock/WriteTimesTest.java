package dev.streamload.mock;

import static dev.streamload.mock.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteTimesTest {

  private static final int FRAGMENTS = 5;
  private static final Duration GAP = Duration.ofMillis(7);
  private static final Duration JITTER = Duration.ofMillis(3);
  private static final String PATH = "/api/chat/stream";

  private MockChatServer mock;

  @AfterEach
  void stopMock() {
    if (mock != null) {
      mock.close();
    }
  }

  private MockApi.StreamRequest start(MockSettings settings) throws Exception {
    mock = MockChatServer.start(settings);
    return MockApi.defaultStreamRequest(mock);
  }

  private static MockSettings recording() {
    return MockSettings.defaults()
        .withTimeToFirstFragment(Duration.ofMillis(10))
        .withFragments(FRAGMENTS)
        .withGap(GAP)
        .withRecordWriteTimes(true);
  }

  @Test
  void recordsOneWriteTimePerEventIncludingUsageAndDone() throws Exception {
    MockApi.StreamRequest request = start(recording());

    stream(request, "run-1");

    long[] written = mock.writeTimes().writeNanos("run-1");
    assertEquals(FRAGMENTS + 2, written.length);
    for (int i = 1; i < written.length; i++) {
      assertTrue(written[i] >= written[i - 1], "write times never go back");
    }
    assertEquals(FRAGMENTS + 2, mock.writeTimes().scheduledNanos("run-1").length);
    assertEquals(Set.of("run-1"), mock.writeTimes().requestIds());
  }

  @Test
  void recordsTheOpenAiRoleFinishUsageAndDoneChunksToo() throws Exception {
    mock = MockChatServer.start(recording());

    try (RawHttp http = RawHttp.connect(mock.port())) {
      http.exchange(
          "POST",
          "/v1/chat/completions",
          Map.of("Authorization", "Bearer mock-api-key", "X-Request-Id", "oa-1"),
          MockApi.openAiBody("m", true, true),
          Poll.GENEROUS);
    }

    assertEquals(1 + FRAGMENTS + 3, mock.writeTimes().writeNanos("oa-1").length);
  }

  @Test
  void schedulesFragmentsExactlyOneGapApartFromTheStreamStart() throws Exception {
    MockApi.StreamRequest request = start(recording());

    stream(request, "run-1");

    long[] scheduled = mock.writeTimes().scheduledNanos("run-1");
    for (int i = 1; i < FRAGMENTS; i++) {
      assertEquals(GAP.toNanos(), scheduled[i] - scheduled[i - 1], "gap before fragment " + i);
    }
    assertEquals(
        scheduled[FRAGMENTS - 1], scheduled[FRAGMENTS + 1], "usage and [DONE] follow at once");
  }

  @Test
  void jitterVariesEachScheduledGapWithinPlusOrMinusTheJitter() throws Exception {
    MockApi.StreamRequest request = start(recording().withJitter(JITTER));

    stream(request, "run-1");

    long[] scheduled = mock.writeTimes().scheduledNanos("run-1");
    Set<Long> gaps = new HashSet<>();
    for (int i = 1; i < FRAGMENTS; i++) {
      long gap = scheduled[i] - scheduled[i - 1];
      assertTrue(
          gap >= GAP.minus(JITTER).toNanos() && gap <= GAP.plus(JITTER).toNanos(),
          "gap " + gap + " ns before fragment " + i);
      gaps.add(gap);
    }
    // Offsets are drawn per gap from 6,000,001 nanosecond values: four equal gaps would mean no
    // jitter (chance of a false failure about 1 in 10^20).
    assertTrue(gaps.size() > 1, "every gap the same: " + gaps);
  }

  @Test
  void reportsTheMocksOwnLatenessAsWriteMinusScheduledTime() throws Exception {
    MockApi.StreamRequest request = start(recording());

    stream(request, "run-1");

    long[] lateness = mock.writeTimes().latenessNanos("run-1");
    long[] written = mock.writeTimes().writeNanos("run-1");
    long[] scheduled = mock.writeTimes().scheduledNanos("run-1");
    for (int i = 0; i < lateness.length; i++) {
      assertEquals(written[i] - scheduled[i], lateness[i]);
      assertTrue(lateness[i] >= 0, "an event is never written before it is due");
    }
    assertTrue(mock.writeTimes().maxLatenessNanos() >= 0);
  }

  @Test
  void keepsAReplayedRequestIdAsASecondRecording() throws Exception {
    MockApi.StreamRequest request = start(recording());

    stream(request, "same");
    stream(request, "same");

    assertEquals(Set.of("same", "same#2"), mock.writeTimes().requestIds());
    assertEquals(1, mock.counters().duplicateRequestIds());
  }

  @Test
  void generatesARequestIdWhenTheClientSendsNone() throws Exception {
    MockApi.StreamRequest request = start(recording());

    try (RawHttp http = RawHttp.connect(mock.port())) {
      RawHttp.Response response =
          http.exchange("POST", PATH, request.headers(), request.body(), Poll.GENEROUS);

      String id = response.header("x-request-id");
      assertTrue(id != null && id.startsWith("mock-"), String.valueOf(id));
      assertEquals(FRAGMENTS + 2, mock.writeTimes().writeNanos(id).length);
    }
  }

  @Test
  void statsSummariseTheWriteTimesAndResetForgetsThem() throws Exception {
    MockApi.StreamRequest request = start(recording());
    stream(request, "run-1");

    JsonNode stats = MockApi.json(MockApi.get(mock, "/admin/stats").body()).get("writeTimes");
    assertEquals(1, stats.get("streams").asInt());
    assertEquals(FRAGMENTS + 2, stats.get("events").asInt());
    assertTrue(stats.has("maxLatenessMicros"));

    MockApi.post(mock, "/admin/reset", null);
    assertEquals(0, mock.writeTimes().streamCount());
  }

  @Test
  void refusesToReportWriteTimesWhenRecordingIsOff() {
    mock = MockChatServer.start(MockSettings.defaults());

    IllegalStateException e = assertThrows(IllegalStateException.class, mock::writeTimes);
    assertMentions(e.getMessage(), "recordWriteTimes");
  }

  @Test
  void refusesAnUnknownRequestIdNamingIt() throws Exception {
    start(recording());

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> mock.writeTimes().writeNanos("nope"));
    assertMentions(e.getMessage(), "'nope'");
  }

  private void stream(MockApi.StreamRequest request, String requestId) throws Exception {
    Map<String, String> headers = new HashMap<>(request.headers());
    headers.put("X-Request-Id", requestId);
    try (RawHttp http = RawHttp.connect(mock.port())) {
      RawHttp.Response response =
          http.exchange("POST", PATH, headers, request.body(), Poll.GENEROUS);
      assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    }
  }
}
