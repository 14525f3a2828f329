package dev.streamload.gatling;

import java.util.HashMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.Preferences;
import java.util.prefs.PreferencesFactory;

/**
 * Turns Gatling's update check off: Java preferences held in memory, in which the check finds a
 * fresh answer "the running version is the latest", so it neither asks Maven Central nor prints
 * "Gatling x.y is available!". Gatling 3.16 has no setting for the check (it runs at the start of
 * every run and keeps its answer in the user's Java preferences, node {@value #NODE}).
 *
 * <p>Enabled for the Gatling JVM and the tests by the pom with {@code
 * -Djava.util.prefs.PreferencesFactory=dev.streamload.gatling.NoUpdateCheckPreferences}; nothing
 * else in a load-test JVM uses Java preferences, and nothing is written to the user's home.
 */
public final class NoUpdateCheckPreferences implements PreferencesFactory {

  /** The preferences node of Gatling's update check ({@code LatestGatlingRelease}). */
  static final String NODE = "/io/gatling/latestVersion";

  private static final Preferences USER = new Node(null, "");
  private static final Preferences SYSTEM = new Node(null, "");

  @Override
  public Preferences userRoot() {
    return USER;
  }

  @Override
  public Preferences systemRoot() {
    return SYSTEM;
  }

  /** What Gatling's check reads: a successful check, just now, that found the running version. */
  static Map<String, String> latestIsRunningVersion() {
    Map<String, String> answer = new HashMap<>();
    try {
      ResourceBundle version = ResourceBundle.getBundle("gatling-version");
      answer.put("lastCheckSuccess", "true");
      answer.put("lastCheckTimestamp", Long.toString(System.currentTimeMillis()));
      answer.put("latestReleaseNumber", version.getString("version"));
      answer.put("latestReleaseDate", version.getString("release-date"));
    } catch (MissingResourceException e) {
      // Not Gatling's classpath: nothing to answer.
    }
    return answer;
  }

  /** One in-memory preferences node. */
  private static final class Node extends AbstractPreferences {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Node> children = new HashMap<>();

    Node(Node parent, String name) {
      super(parent, name);
      if (absolutePath().equals(NODE)) {
        values.putAll(latestIsRunningVersion());
      }
    }

    @Override
    protected void putSpi(String key, String value) {
      values.put(key, value);
    }

    @Override
    protected String getSpi(String key) {
      if (absolutePath().equals(NODE) && key.equals("lastCheckTimestamp")) {
        return Long.toString(System.currentTimeMillis()); // always fresh
      }
      return values.get(key);
    }

    @Override
    protected void removeSpi(String key) {
      values.remove(key);
    }

    @Override
    protected void removeNodeSpi() {
      values.clear();
    }

    @Override
    protected String[] keysSpi() {
      return values.keySet().toArray(new String[0]);
    }

    @Override
    protected String[] childrenNamesSpi() {
      return children.keySet().toArray(new String[0]);
    }

    @Override
    protected AbstractPreferences childSpi(String name) {
      return children.computeIfAbsent(name, n -> new Node(this, n));
    }

    @Override
    protected void syncSpi() {}

    @Override
    protected void flushSpi() {}
  }
}
