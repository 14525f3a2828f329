package dev.streamload.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every property name streamload reads (the README's tables list each one), so that a name that
 * looks like ours but is not ({@code -Dsmoke.user=3}, {@code -Dtimout.idle=5s}) gets a warning with
 * the property it probably meant instead of being silently ignored.
 */
public final class PropertyNames {

  /** The names; a DocumentationTest keeps the README tables and this list equal. */
  public static final Set<String> KNOWN =
      Set.copyOf(
          List.of(
              // Target, requests, API
              "preset",
              "target.url",
              "target.headers",
              "auth.header",
              "auth.scheme",
              "apiKey.env",
              "model",
              "maxTokens",
              "includeUsage",
              "requestId.header",
              "login.enabled",
              "login.method",
              "login.path",
              "login.body",
              "login.usernameField",
              "login.passwordField",
              "login.tokenFrom",
              "login.tokenPath",
              "conversation.mode",
              "conversation.method",
              "conversation.path",
              "conversation.body",
              "conversation.idFrom",
              "conversation.idPath",
              "chat.method",
              "chat.path",
              "chat.body",
              "chat.conversationField",
              "chat.promptField",
              "chat.history",
              "chat.historyTurns",
              "chat.turns",
              "chat.thinkTime",
              "openai.path",
              "openai.model",
              "openai.maxTokens",
              "openai.includeUsage",
              "openai.apiKeyEnv",
              // Prompts and accounts
              "feeder.accounts",
              "feeder.prompts",
              "feeder.promptsFormat",
              "prompts.generate",
              "prompts.seed",
              "prompts.count",
              // WebSocket (WebSocketChatSimulation)
              "ws.path",
              "ws.url",
              "ws.auth",
              "ws.tokenParam",
              "ws.authMessage",
              "ws.message",
              "ws.socket",
              // Reading the stream
              "stream.end",
              "stream.text",
              "stream.errorEvents",
              "stream.errorWhen",
              "stream.textPaths",
              "stream.usagePath",
              "stream.errorPath",
              "stream.endMarker",
              "stream.finishReasonPath",
              "timeout.firstFragment",
              "timeout.idle",
              "timeout.stream",
              "trace.eventTimes",
              "report.gapRows",
              // Judging the answer
              "stream.truncatedReasons",
              "stream.filteredReasons",
              "check.minChars",
              "check.mustMatch",
              "check.mustNotMatch",
              "trace.answers",
              "trace.answersEvery",
              // Load and objectives
              "profile",
              "smoke.users",
              "staircase.startRate",
              "staircase.stepRate",
              "staircase.steps",
              "staircase.stepDuration",
              "staircase.rampDuration",
              "staircase.poisson",
              "concurrency.users",
              "concurrency.ramp",
              "concurrency.duration",
              "slo.ttftP95",
              "slo.itlP99",
              "slo.tpotP95",
              "slo.e2eP95",
              "slo.maxFailedPercent",
              "slo.stopOnMiss",
              "results.dir",
              "bench.warmUp",
              "warmUp.loopback",
              "warmUp.compilerPriority",
              // Several injectors
              "injector.count",
              "injector.index",
              "injector.startAt",
              // Embedded mock
              "mock.port",
              "mock.host",
              "mock.ttftMs",
              "mock.fragments",
              "mock.gapMs",
              "mock.jitterMs",
              "mock.faults",
              "mock.eventLoopThreads",
              "mock.recordWriteTimes"));

  /** Families of names: one header per name below them. */
  public static final List<String> PREFIXES =
      List.of(
          "login.header.",
          "conversation.header.",
          "chat.header.",
          "login.query.",
          "conversation.query.",
          "chat.query.");

  /** First segments of names that belong to the JVM, Maven, Gatling or libraries: never ours. */
  static final Set<String> FOREIGN =
      Set.of(
          "java",
          "javax",
          "jdk",
          "sun",
          "os",
          "user",
          "file",
          "line",
          "path",
          "gatling",
          "maven",
          "surefire",
          "failsafe",
          "jna",
          "jansi",
          "junit",
          "awt",
          "native",
          "stdout",
          "stderr",
          "idea",
          "intellij",
          "org",
          "com",
          "io",
          "net",
          "kotlin",
          "scala",
          "library",
          "http",
          "https",
          "ftp",
          "socksProxyHost",
          "socksProxyPort",
          "logback",
          "slf4j",
          "wiremock",
          "basedir",
          "classworlds",
          "guice",
          "sisu",
          "env",
          "jboss",
          "jetty",
          "networkaddress",
          "archunit",
          "pit",
          "picocli",
          "spotless",
          "tests",
          "test",
          "skipTests",
          "style");

  private PropertyNames() {}

  /** True when streamload reads {@code name}. */
  public static boolean known(String name) {
    return KNOWN.contains(name) || PREFIXES.stream().anyMatch(p -> name.startsWith(p));
  }

  /**
   * A warning for each given name (flag or STREAMLOAD_* variable) that looks like one of ours but
   * is not, naming the property it probably meant; names of the JVM, Maven and Gatling are left
   * alone.
   */
  public static List<String> warnings(Settings settings) {
    List<String> out = new ArrayList<>();
    for (String given : settings.givenNames()) {
      warning(given).ifPresent(out::add);
    }
    return out;
  }

  /** The warning for one given name, if it deserves one. */
  static Optional<String> warning(String given) {
    boolean env = given.startsWith("STREAMLOAD_");
    if (env ? knownEnv(given) : known(given)) {
      return Optional.empty();
    }
    String first = env ? "" : given.split("\\.", 2)[0];
    if (!env && FOREIGN.contains(first)) {
      return Optional.empty();
    }
    String nearest = null;
    int best = Integer.MAX_VALUE;
    for (String name : new TreeSet<>(KNOWN)) {
      String candidate = env ? Settings.envName(name) : name;
      int d = distance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < best) {
        best = d;
        nearest = candidate;
      }
    }
    String what = env ? "environment variable " + given : "property " + given;
    if (best <= Math.max(2, given.length() / 6)) {
      return Optional.of(
          "unknown " + what + " is ignored: did you mean " + nearest + "? (README, Configuration)");
    }
    boolean ours =
        env || KNOWN.stream().anyMatch(k -> k.startsWith(first + ".")) && given.contains(".");
    return ours
        ? Optional.of(
            "unknown "
                + what
                + " is ignored: streamload has no such property (README, Configuration)")
        : Optional.empty();
  }

  private static boolean knownEnv(String given) {
    if (KNOWN.stream().anyMatch(k -> Settings.envName(k).equals(given))) {
      return true;
    }
    return PREFIXES.stream().anyMatch(p -> given.startsWith(Settings.envName(p)));
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
