package dev.streamload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PropertyNamesTest {

  @Test
  void aMisspeltPropertyGetsAWarningNamingTheLikelyOne() {
    assertEquals(
        Optional.of(
            "unknown property smoke.user is ignored: did you mean smoke.users? (README,"
                + " Configuration)"),
        PropertyNames.warning("smoke.user"));
    assertTrue(PropertyNames.warning("timout.idle").orElseThrow().contains("timeout.idle?"));
    assertTrue(
        PropertyNames.warning("stream.textPath").orElseThrow().contains("stream.textPaths?"));
  }

  @Test
  void aMisspeltEnvironmentVariableGetsTheLikelyVariable() {
    assertTrue(
        PropertyNames.warning("STREAMLOAD_SMOKE_USER")
            .orElseThrow()
            .contains("did you mean STREAMLOAD_SMOKE_USERS?"));
  }

  @Test
  void anUnknownNameInOneOfOurFamiliesIsNamedEvenFarFromAnyProperty() {
    assertTrue(
        PropertyNames.warning("staircase.levelsPerMinute")
            .orElseThrow()
            .contains("streamload has no such property"));
  }

  @Test
  void knownNamesHeaderFamiliesAndTheJvmsMavensAndGatlingsOwnAreLeftAlone() {
    for (String name :
        List.of(
            "smoke.users",
            "chat.header.anthropic-version",
            "STREAMLOAD_TARGET_URL",
            "STREAMLOAD_CHAT_HEADER_X_KEY",
            "java.home",
            "user.dir",
            "gatling.simulationClass",
            "maven.home",
            "file.encoding",
            "somethingElseEntirely")) {
      assertEquals(Optional.empty(), PropertyNames.warning(name), name);
    }
  }

  @Test
  void warningsCoverEveryGivenFlagAndVariable() {
    Settings s =
        new Settings(
            Map.of("smoke.user", "3", "java.version", "17"),
            Map.of("STREAMLOAD_TIMOUT_IDLE", "5s"));

    List<String> warnings = PropertyNames.warnings(s);

    assertEquals(2, warnings.size(), warnings.toString());
  }

  @Test
  void theEditDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(0, PropertyNames.distance("abc", "abc"));
    assertEquals(1, PropertyNames.distance("abc", "abcd"));
    assertEquals(1, PropertyNames.distance("abcd", "abd"));
    assertEquals(1, PropertyNames.distance("abc", "abx"));
    assertEquals(3, PropertyNames.distance("", "abc"));
  }
}
