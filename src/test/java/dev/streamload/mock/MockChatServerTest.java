package dev.streamload.mock;

import static dev.streamload.mock.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MockChatServerTest {

  @Test
  void bindsAFreePortWhenAskedForPortZeroAndReportsItsBaseUrl() {
    try (MockChatServer mock = MockChatServer.start(MockSettings.defaults())) {
      assertTrue(mock.port() > 0);
      assertEquals("http://127.0.0.1:" + mock.port(), mock.baseUrl());
    }
  }

  @Test
  void twoServersOnPortZeroGetDifferentPorts() {
    try (MockChatServer first = MockChatServer.start(MockSettings.defaults());
        MockChatServer second = MockChatServer.start(MockSettings.defaults())) {
      assertTrue(first.port() != second.port());
    }
  }

  @Test
  void exposesItsSettingsAndCounters() {
    MockSettings settings = MockSettings.defaults().withFragments(3);
    try (MockChatServer mock = MockChatServer.start(settings)) {
      assertSame(settings, mock.settings());
      assertEquals(0, mock.counters().openConnections());
    }
  }

  @Test
  void failsToStartOnAPortInUseNamingTheAddress() {
    try (MockChatServer first = MockChatServer.start(MockSettings.defaults())) {
      MockSettings taken = MockSettings.defaults().withPort(first.port());

      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> MockChatServer.start(taken));
      assertMentions(e.getMessage(), "127.0.0.1:" + first.port());
    }
  }

  /** Names of the live threads of the mock's event loops ("mock-io-..."). */
  private static Set<String> mockIoThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith("mock-io-"))
        .collect(Collectors.toSet());
  }

  @Test
  void servesStreamsOnMoreThanOneEventLoopThreadWhenGivenTwo() throws Exception {
    MockSettings settings =
        MockSettings.defaults()
            .withEventLoopThreads(2)
            .withTimeToFirstFragment(Duration.ZERO)
            .withFragments(2)
            .withGap(Duration.ZERO);
    Set<String> before = mockIoThreads();
    try (MockChatServer mock = MockChatServer.start(settings)) {
      MockApi.StreamRequest request = MockApi.defaultStreamRequest(mock);
      for (int i = 0; i < 4; i++) {
        try (RawHttp http = RawHttp.connect(mock.port())) {
          RawHttp.Response response =
              http.exchange(
                  "POST", "/api/chat/stream", request.headers(), request.body(), Poll.GENEROUS);
          assertEquals(RawHttp.Ending.COMPLETE, response.ending());
        }
      }
      assertEquals(4, mock.counters().streamsCompleted());
      // Netty starts an event-loop thread when the first connection is given to it, in turn.
      Set<String> used = mockIoThreads();
      used.removeAll(before);
      assertEquals(2, used.size(), "event-loop threads this server started: " + used);
    }
  }
}
