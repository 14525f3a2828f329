package dev.streamload.mock;

import static dev.streamload.mock.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MockSettingsTest {

  @Test
  void defaultsDescribeALocalMockWithAHundredUsersAndNoFaults() {
    MockSettings settings = MockSettings.defaults();

    assertEquals("127.0.0.1", settings.host());
    assertEquals(0, settings.port());
    assertEquals(Duration.ofMillis(200), settings.timeToFirstFragment());
    assertEquals(20, settings.fragments());
    assertEquals(Duration.ofMillis(20), settings.gap());
    assertEquals(Duration.ZERO, settings.jitter());
    assertEquals(100, settings.accounts().size());
    assertEquals("pass-1", settings.accounts().get("user1"));
    assertEquals("pass-100", settings.accounts().get("user100"));
    assertEquals("mock-api-key", settings.apiKey());
    assertTrue(settings.faultMix().isNone());
    assertFalse(settings.recordWriteTimes());
    assertEquals(1, settings.eventLoopThreads());
  }

  @Test
  void withMethodsChangeOnlyTheirField() {
    MockSettings base = MockSettings.defaults();
    MockSettings changed =
        base.withFragments(7).withGap(Duration.ofMillis(3)).withRecordWriteTimes(true);

    assertEquals(7, changed.fragments());
    assertEquals(Duration.ofMillis(3), changed.gap());
    assertTrue(changed.recordWriteTimes());
    assertEquals(base.timeToFirstFragment(), changed.timeToFirstFragment());
    assertEquals(base.accounts(), changed.accounts());
    assertEquals(base.withHost("localhost").host(), "localhost");
    assertEquals(base.withPort(8089).port(), 8089);
    assertEquals(base.withJitter(Duration.ofMillis(5)).jitter(), Duration.ofMillis(5));
    assertEquals(base.withApiKey("k").apiKey(), "k");
    assertEquals(base.withAccounts(Map.of("a", "b")).accounts(), Map.of("a", "b"));
    assertEquals(base.withEventLoopThreads(2).eventLoopThreads(), 2);
    FaultMix mix = FaultMix.parse("stall=0.5");
    assertEquals(base.withFaultMix(mix).faultMix(), mix);
    assertEquals(base.withTimeToFirstFragment(Duration.ZERO).timeToFirstFragment(), Duration.ZERO);
  }

  @Test
  void rejectsANegativeTimeToFirstFragmentNamingFieldAndValue() {
    assertRejected(
        () -> MockSettings.defaults().withTimeToFirstFragment(Duration.ofMillis(-5)),
        "timeToFirstFragment",
        "PT-0.005S");
  }

  @Test
  void rejectsANegativeGapNamingFieldAndValue() {
    assertRejected(() -> MockSettings.defaults().withGap(Duration.ofSeconds(-1)), "gap", "PT-1S");
  }

  @Test
  void rejectsANegativeJitterNamingFieldAndValue() {
    assertRejected(
        () -> MockSettings.defaults().withJitter(Duration.ofMillis(-1)), "jitter", "PT-0.001S");
  }

  @Test
  void rejectsNegativeFragmentsNamingFieldAndValue() {
    assertRejected(() -> MockSettings.defaults().withFragments(-3), "fragments", "-3");
  }

  @Test
  void rejectsAPortOutOfRangeNamingFieldAndValue() {
    assertRejected(() -> MockSettings.defaults().withPort(70000), "port", "70000");
  }

  @Test
  void rejectsZeroEventLoopThreadsNamingFieldAndValue() {
    assertRejected(() -> MockSettings.defaults().withEventLoopThreads(0), "eventLoopThreads", "0");
  }

  @Test
  void rejectsAFaultProbabilityOutOfRangeNamingFaultAndValue() {
    assertRejected(() -> new FaultMix(Map.of(Fault.STALL, 1.5)), "faultMix", "stall", "1.5");
    assertRejected(() -> new FaultMix(Map.of(Fault.STALL, -0.1)), "faultMix", "stall", "-0.1");
  }

  @Test
  void rejectsFaultProbabilitiesSummingAboveOne() {
    assertRejected(
        () -> new FaultMix(Map.of(Fault.STALL, 0.7, Fault.INTERRUPT, 0.4)), "faultMix", "sum");
  }

  @Test
  void rejectsMissingFields() {
    assertRejected(() -> MockSettings.defaults().withHost(" "), "host");
    assertRejected(() -> MockSettings.defaults().withApiKey(""), "apiKey");
    assertRejected(() -> MockSettings.defaults().withFaultMix(null), "faultMix");
    assertRejected(() -> MockSettings.defaults().withGap(null), "gap");
    assertRejected(() -> MockSettings.defaults().withAccounts(Map.of("u", "")), "accounts", "'u'");
  }

  @Test
  void describesItselfWithoutPasswordsOrTheApiKey() {
    String text = MockSettings.defaults().toString();

    assertFalse(text.contains("pass-1"), text);
    assertFalse(text.contains("mock-api-key"), text);
    assertMentions(text, "fragments=20", "100 users");
  }

  private static void assertRejected(Executable construction, String... mentions) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
    assertMentions(e.getMessage(), mentions);
  }
}
