package dev.streamload.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionAccountingTest {

  private static final int CLIENTS = 20;
  private static final String PATH = "/api/chat/stream";

  private MockChatServer mock;
  private MockApi.StreamRequest request;

  @BeforeEach
  void startMock() throws Exception {
    mock =
        MockChatServer.start(
            MockSettings.defaults()
                .withTimeToFirstFragment(Duration.ofMillis(10))
                .withFragments(3)
                .withGap(Duration.ofMillis(5)));
    request = MockApi.defaultStreamRequest(mock);
  }

  @AfterEach
  void stopMock() {
    mock.close();
  }

  @Test
  void openConnectionsReturnToZeroAfterClientsCloseMidStream() throws Exception {
    Poll.until(
        "the login connections are closed",
        Poll.GENEROUS,
        () -> mock.counters().openConnections() == 0);
    mock.counters().reset();

    List<RawHttp> clients = new ArrayList<>();
    try {
      for (int i = 0; i < CLIENTS; i++) {
        RawHttp http = RawHttp.connect(mock.port());
        clients.add(http);
        http.send("POST", PATH, with("X-Mock-Fault", "stall"), request.body());
      }
      Poll.until(
          "every stream started", Poll.GENEROUS, () -> mock.counters().streamsStarted() == CLIENTS);
      assertEquals(CLIENTS, mock.counters().openConnections());
      assertEquals(CLIENTS, mock.counters().peakOpenConnections());
    } finally {
      for (RawHttp http : clients) {
        http.close();
      }
    }

    Poll.until(
        "every connection is closed", Poll.GENEROUS, () -> mock.counters().openConnections() == 0);
    Poll.until(
        "every stream is counted as aborted",
        Poll.GENEROUS,
        () -> mock.counters().streamsAbortedByClient() == CLIENTS);
    assertEquals(CLIENTS, mock.counters().peakOpenConnections(), "the peak is kept");
    assertEquals(0, mock.counters().streamsCompleted());
  }

  @Test
  void completedStreamsAreNotCountedAsAbortedWhenTheClientClosesAfterwards() throws Exception {
    try (RawHttp http = RawHttp.connect(mock.port())) {
      RawHttp.Response response =
          http.exchange("POST", PATH, request.headers(), request.body(), Poll.GENEROUS);
      assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    }

    Poll.until(
        "every connection is closed", Poll.GENEROUS, () -> mock.counters().openConnections() == 0);
    assertEquals(1, mock.counters().streamsCompleted());
    assertEquals(0, mock.counters().streamsAbortedByClient());
  }

  @Test
  void aRepeatedRequestIdIsCountedAsADuplicate() throws Exception {
    for (String id : new String[] {"req-1", "req-2", "req-1"}) {
      try (RawHttp http = RawHttp.connect(mock.port())) {
        http.exchange("POST", PATH, with("X-Request-Id", id), request.body(), Poll.GENEROUS);
      }
    }

    assertEquals(1, mock.counters().duplicateRequestIds());
  }

  @Test
  void theRequestIdIsEchoedOnTheStreamResponse() throws Exception {
    try (RawHttp http = RawHttp.connect(mock.port())) {
      RawHttp.Response response =
          http.exchange(
              "POST", PATH, with("X-Request-Id", "trace-42"), request.body(), Poll.GENEROUS);

      assertEquals("trace-42", response.header("x-request-id"));
    }
  }

  @Test
  void closingTheServerClosesEveryOpenStreamAndConnection() throws Exception {
    List<RawHttp> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        RawHttp http = RawHttp.connect(mock.port());
        clients.add(http);
        http.send("POST", PATH, with("X-Mock-Fault", "first_fragment_timeout"), request.body());
      }
      Poll.until(
          "every stream started", Poll.GENEROUS, () -> mock.counters().streamsStarted() == 3);

      mock.close();

      for (RawHttp http : clients) {
        assertTrue(http.closedByServer(Poll.GENEROUS));
      }
      assertEquals(0, mock.counters().openConnections());
    } finally {
      for (RawHttp http : clients) {
        http.close();
      }
    }
  }

  @Test
  void closingTheServerTwiceIsHarmless() {
    mock.close();
    mock.close();
  }

  private Map<String, String> with(String name, String value) {
    Map<String, String> headers = new HashMap<>(request.headers());
    headers.put(name, value);
    return headers;
  }
}
