package dev.streamload.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.commons.util.GatlingVersion;
import io.gatling.commons.util.LatestGatlingRelease$;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;
import scala.Option;

/** The pom turns Gatling's update check off for the tests as for the Gatling JVM. */
class NoUpdateCheckPreferencesTest {

  @Test
  void theTestJvmUsesTheInMemoryPreferences() {
    assertEquals(
        NoUpdateCheckPreferences.class.getName(),
        System.getProperty("java.util.prefs.PreferencesFactory"),
        "the pom's surefire argLine sets the factory");
    assertTrue(
        Preferences.userRoot()
            .getClass()
            .getName()
            .startsWith(NoUpdateCheckPreferences.class.getName()),
        Preferences.userRoot().getClass().getName());
  }

  @Test
  void gatlingsUpdateCheckFindsTheRunningVersionWithoutAskingMavenCentral() {
    Option<GatlingVersion> latest = LatestGatlingRelease$.MODULE$.load();

    assertTrue(latest.isDefined(), "the check must find a fresh answer in the preferences");
    assertEquals(GatlingVersion.ThisVersion().fullVersion(), latest.get().fullVersion());
    assertEquals(GatlingVersion.ThisVersion().releaseDate(), latest.get().releaseDate());
  }
}
