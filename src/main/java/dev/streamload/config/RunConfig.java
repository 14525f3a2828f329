package dev.streamload.config;

import dev.streamload.stream.ContentChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * All settings of one run, read once and validated before any load starts.
 *
 * @param api endpoints, JSON paths, headers
 * @param stream how streams are read and judged
 * @param load the injection profile: this injector's share of {@code wholeLoad}
 * @param slo assertions that fail the build
 * @param accountsFeeder CSV with username,password (chat dialect)
 * @param promptsFeeder CSV with a prompt column
 * @param apiKey OpenAI-mode API key, from the environment only; never printed
 * @param apiKeyEnv name of the environment variable the key came from
 * @param warmUp start of the run left out of the client's cost figures (resources.json)
 * @param answers finish reasons that fail a stream, content checks, answer sample
 * @param injector this load generator's place among coordinated injectors (alone by default)
 * @param wholeLoad the load all injectors offer together (equal to {@code load} when alone)
 */
public record RunConfig(
    ApiConfig api,
    StreamConfig stream,
    LoadConfig load,
    SloConfig slo,
    String accountsFeeder,
    String promptsFeeder,
    Optional<String> apiKey,
    String apiKeyEnv,
    Duration warmUp,
    AnswerConfig answers,
    InjectorConfig injector,
    LoadConfig wholeLoad) {

  /** The API key used against the embedded mock when none is given. */
  public static final String MOCK_API_KEY = "mock-api-key";

  /** Which API shape a simulation speaks. */
  public enum Dialect {
    /** login → conversation → stream, text at {@code delta}. */
    CHAT,
    /** OpenAI-compatible chat completions with an API key, no login chain. */
    OPENAI
  }

  /** Reads and validates everything; throws {@link ConfigException} listing all problems. */
  public static RunConfig load(Dialect dialect) {
    return load(dialect, ContentChecks.none());
  }

  /**
   * As {@link #load(Dialect)}, with the content checks a simulation sets in code; {@code check.*}
   * properties replace them one by one.
   */
  public static RunConfig load(Dialect dialect, ContentChecks checks) {
    return read(Settings.fromSystem(), dialect, checks);
  }

  /** Reads from the given settings (tests use this). */
  public static RunConfig read(Settings s, Dialect dialect) {
    return read(s, dialect, ContentChecks.none());
  }

  /** Reads from the given settings with a simulation's content checks. */
  public static RunConfig read(Settings s, Dialect dialect, ContentChecks checks) {
    ApiConfig api = ApiConfig.read(s);
    StreamConfig stream = StreamConfig.read(s, dialect == Dialect.OPENAI);
    LoadConfig wholeLoad = LoadConfig.read(s);
    InjectorConfig injector = InjectorConfig.read(s, Instant.now());
    injector.checkShareable(s, wholeLoad);
    AnswerConfig answers = AnswerConfig.read(s, checks);
    SloConfig slo = SloConfig.read(s);
    String accounts = s.nonBlank("feeder.accounts", "accounts.csv");
    String prompts = s.nonBlank("feeder.prompts", "prompts.csv");
    String keyEnv = s.nonBlank("openai.apiKeyEnv", "OPENAI_API_KEY");
    Duration warmUp = s.duration("bench.warmUp", Duration.ZERO, Duration.ZERO, Duration.ofHours(1));
    Optional<String> key = s.env(keyEnv);
    if (dialect == Dialect.CHAT) {
      int rows =
          FeederFiles.validate(
              s,
              "feeder.accounts",
              accounts,
              List.of("username", "password"),
              List.of("username", "password"));
      if (rows > 0 && rows < injector.count()) {
        s.problem(
            "injector.count",
            Integer.toString(injector.count()),
            "at most "
                + rows
                + ", the number of accounts in feeder.accounts '"
                + accounts
                + "' (each injector takes its own accounts)");
      }
    }
    FeederFiles.validate(s, "feeder.prompts", prompts, List.of("prompt"), List.of("prompt"));
    if (dialect == Dialect.OPENAI && api.baseUrl().isPresent() && key.isEmpty()) {
      s.problem(
          "the OpenAI dialect against "
              + api.baseUrl().get()
              + " needs an API key in the environment variable "
              + keyEnv
              + " (or name another variable with -Dopenai.apiKeyEnv=NAME)");
    }
    s.throwIfInvalid();
    return new RunConfig(
        api,
        stream,
        injector.share(wholeLoad),
        slo,
        accounts,
        prompts,
        key,
        keyEnv,
        warmUp,
        answers,
        injector,
        wholeLoad);
  }

  /** True when no target URL is set and the embedded mock serves the run. */
  public boolean embedded() {
    return api.baseUrl().isEmpty();
  }

  /**
   * The API key sent in OpenAI mode: the embedded mock's own key against the embedded mock (a key
   * in the environment is meant for a real server and is never sent to the mock), else the key from
   * the environment. Never log it.
   */
  public String openAiKey() {
    return embedded() ? MOCK_API_KEY : apiKey.orElse(MOCK_API_KEY);
  }

  /** Where {@link #openAiKey()} comes from, for the console; never the key itself. */
  public String apiKeySource() {
    if (embedded()) {
      return "the embedded mock's key"
          + (apiKey.isPresent() ? " (" + apiKeyEnv + " is set but not sent to the mock)" : "");
    }
    return apiKey.isPresent() ? "environment variable " + apiKeyEnv : "none";
  }

  @Override
  public String toString() {
    return "RunConfig[api="
        + api
        + ", load="
        + load.describe()
        + (injector.shared() ? " (" + injector.describe() + ")" : "")
        + ", apiKey="
        + (apiKey.isPresent() ? "<from " + apiKeyEnv + ">" : "<none>")
        + "]";
  }
}
