package dev.streamload.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MockCountersTest {

  @Test
  void countsARequestIdSeenTwiceAsOneDuplicate() {
    MockCounters counters = new MockCounters();

    assertFalse(counters.recordRequestId("r-1"));
    assertFalse(counters.recordRequestId("r-2"));
    assertTrue(counters.recordRequestId("r-1"));

    assertEquals(1, counters.duplicateRequestIds());
  }

  @Test
  void tracksPeakOpenConnectionsAboveTheCurrentCount() {
    MockCounters counters = new MockCounters();

    counters.connectionOpened();
    counters.connectionOpened();
    counters.connectionOpened();
    counters.connectionClosed();

    assertEquals(2, counters.openConnections());
    assertEquals(3, counters.peakOpenConnections());
  }

  @Test
  void resetZeroesCountsButKeepsOpenConnectionsAsTheNewPeak() {
    MockCounters counters = new MockCounters();
    counters.requestReceived(MockEndpoint.LOGIN);
    counters.faultInjected(Fault.STALL);
    counters.eventWritten();
    counters.recordRequestId("r-1");
    counters.connectionOpened();
    counters.connectionOpened();
    counters.connectionClosed();

    counters.reset();

    assertEquals(0, counters.requests(MockEndpoint.LOGIN));
    assertEquals(0, counters.faultsInjected(Fault.STALL));
    assertEquals(0, counters.eventsWritten());
    assertEquals(1, counters.openConnections());
    assertEquals(1, counters.peakOpenConnections());
    assertFalse(counters.recordRequestId("r-1"), "seen ids are forgotten on reset");
  }

  @Test
  @SuppressWarnings("unchecked")
  void snapshotNamesEveryEndpointAndFaultExceptNone() {
    MockCounters counters = new MockCounters();
    counters.requestReceived(MockEndpoint.STREAM_OPENAI);
    counters.faultInjected(Fault.HTTP_429);

    Map<String, Object> snapshot = counters.snapshot();

    Map<String, Long> requests = (Map<String, Long>) snapshot.get("requests");
    assertEquals(MockEndpoint.values().length, requests.size());
    assertEquals(1L, requests.get("stream_openai"));
    Map<String, Long> faults = (Map<String, Long>) snapshot.get("faultsInjected");
    assertEquals(Fault.values().length - 1, faults.size());
    assertEquals(1L, faults.get("http_429"));
    assertFalse(faults.containsKey("none"));
    for (String key :
        new String[] {
          "loginFailures",
          "badRequests",
          "lastBadRequest",
          "streamsStarted",
          "streamsCompleted",
          "streamsAbortedByClient",
          "eventsWritten",
          "connectionsAccepted",
          "openConnections",
          "peakOpenConnections",
          "duplicateRequestIds",
          "loginsByAccount",
          "streamsByAccount"
        }) {
      assertTrue(snapshot.containsKey(key), key);
    }
  }

  @Test
  void loginsAndStreamsAreCountedPerAccountAndPerClientTag() {
    MockCounters counters = new MockCounters();
    counters.loggedIn("user1");
    counters.loggedIn("user1");
    counters.loggedIn("user2");
    counters.accountStreamed("user1", "i0-abc-1-1");
    counters.accountStreamed("user1", "i0-abc-1-2");
    counters.accountStreamed("user2", "i1-def-4-1");
    counters.accountStreamed("user2", "no-dash-here".replace("-", ""));

    assertEquals(Map.of("user1", 2L, "user2", 1L), counters.loginsByAccount());
    assertEquals(
        Map.of("user1", Map.of("i0", 2L), "user2", Map.of("i1", 1L, "nodashhere", 1L)),
        counters.streamsByAccount());
    counters.reset();
    assertTrue(counters.loginsByAccount().isEmpty());
    assertTrue(counters.streamsByAccount().isEmpty());
  }

  @Test
  void clientTagsPerAccountAreBounded() {
    MockCounters counters = new MockCounters();
    for (int i = 0; i < MockCounters.MAX_TAGS_PER_ACCOUNT + 5; i++) {
      counters.accountStreamed("user1", "tag" + i + "-x");
    }
    Map<String, Long> tags = counters.streamsByAccount().get("user1");
    assertEquals(MockCounters.MAX_TAGS_PER_ACCOUNT + 1, tags.size());
    assertEquals(5L, tags.get(MockCounters.OTHER_TAG));
  }
}
