package dev.streamload.mock;

import static dev.streamload.mock.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.streamload.config.ConfigException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MockMainTest {

  @Test
  void usesPort8089AndTheDefaultTimingsWhenNoPropertyIsSet() {
    MockSettings settings = MockMain.settingsFrom(new Properties());

    assertEquals(8089, settings.port());
    assertEquals("127.0.0.1", settings.host());
    assertEquals(MockSettings.defaults().timeToFirstFragment(), settings.timeToFirstFragment());
    assertEquals(MockSettings.defaults().fragments(), settings.fragments());
  }

  @Test
  void readsEveryPropertyThatBecomesAMockSetting() {
    Properties properties = new Properties();
    properties.setProperty("mock.port", "0");
    properties.setProperty("mock.host", "localhost");
    properties.setProperty("mock.ttftMs", "150");
    properties.setProperty("mock.fragments", "12");
    properties.setProperty("mock.gapMs", "7");
    properties.setProperty("mock.jitterMs", "2");
    properties.setProperty("mock.faults", "interrupt=0.05,http_429=0.02");
    properties.setProperty("mock.eventLoopThreads", "2");
    properties.setProperty("mock.recordWriteTimes", "true");

    MockSettings settings = MockMain.settingsFrom(properties);

    assertEquals(0, settings.port());
    assertEquals("localhost", settings.host());
    assertEquals(Duration.ofMillis(150), settings.timeToFirstFragment());
    assertEquals(12, settings.fragments());
    assertEquals(Duration.ofMillis(7), settings.gap());
    assertEquals(Duration.ofMillis(2), settings.jitter());
    assertEquals(FaultMix.parse("interrupt=0.05,http_429=0.02"), settings.faultMix());
    assertEquals(2, settings.eventLoopThreads());
    assertEquals(true, settings.recordWriteTimes());
  }

  @Test
  void rejectsANonNumericTimingNamingPropertyValueAndAllowedRange() {
    assertRejected("mock.ttftMs", "soon", "mock.ttftMs", "'soon'", "between 0 and 3600000");
  }

  @Test
  void rejectsANegativeFragmentCountNamingPropertyAndValue() {
    assertRejected("mock.fragments", "-1", "mock.fragments", "'-1'", "between 0 and");
  }

  @Test
  void rejectsAPortOutOfRangeNamingPropertyAndValue() {
    assertRejected("mock.port", "99999", "mock.port", "'99999'", "65535");
  }

  @Test
  void rejectsABadFaultSpecNamingPropertyValueAndAllowedNames() {
    assertRejected(
        "mock.faults", "interupt=0.1", "mock.faults", "'interupt=0.1'", "interrupt", "http_429");
  }

  @Test
  void rejectsZeroEventLoopThreads() {
    assertRejected("mock.eventLoopThreads", "0", "mock.eventLoopThreads", "'0'", "between 1 and");
  }

  @Test
  void rejectsANonBooleanWriteTimesFlag() {
    assertRejected("mock.recordWriteTimes", "yes", "mock.recordWriteTimes", "'yes'", "true");
  }

  @Test
  void bannerListsTheBaseUrlEndpointsAndHowToStop() {
    try (MockChatServer mock = MockChatServer.start(MockSettings.defaults())) {
      String banner = MockMain.usage(mock);

      assertMentions(
          banner,
          mock.baseUrl(),
          "/api/auth/login",
          "/api/conversations",
          "/api/chat/stream",
          "/v1/chat/completions",
          "/v1/messages",
          "/v1/responses",
          ":streamGenerateContent?alt=sse",
          "/v1/chat-messages",
          "/flux/chat",
          "/chat/stream?q=",
          "/admin/stats",
          "/admin/reset",
          "Ctrl+C to stop");
    }
  }

  private static void assertRejected(String property, String value, String... mentions) {
    Properties properties = new Properties();
    properties.setProperty(property, value);
    ConfigException e =
        assertThrows(ConfigException.class, () -> MockMain.settingsFrom(properties));
    assertMentions(e.getMessage(), mentions);
  }
}
