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
 * @param prompts where the prompts come from (CSV, JSONL, ShareGPT or generated)
 * @param loopbackWarmUp longest the loopback warm-up runs the stream step before the load (zero:
 *     none)
 * @param compilerPriority what the JIT compiler's threads get for the load after the loopback
 *     warm-up
 * @param chatValues the session values a template of the stream step may read (the chat request's
 *     are checked here; a WebSocket message's where the WebSocket settings are read)
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
    LoadConfig wholeLoad,
    PromptSource prompts,
    Duration loopbackWarmUp,
    CompilerPriority compilerPriority,
    java.util.Set<String> chatValues) {

  /** Longest the loopback warm-up runs by default (docs/benchmark.md: what it buys). */
  public static final Duration DEFAULT_LOOPBACK_WARM_UP = Duration.ofSeconds(30);

  /** The API key used against the embedded mock when none is given. */
  public static final String MOCK_API_KEY = "mock-api-key";

  /** Which API shape a simulation speaks by default: the name of its preset. */
  public enum Dialect {
    /** login → conversation → stream, text at {@code delta}: preset {@code chat}. */
    CHAT("chat"),
    /** OpenAI-compatible chat completions with an API key: preset {@code openai-chat}. */
    OPENAI("openai-chat");

    private final String preset;

    Dialect(String preset) {
      this.preset = preset;
    }

    /** The preset this dialect stands for. */
    public String preset() {
      return preset;
    }
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
    return load(dialect.preset(), checks);
  }

  /**
   * Reads everything with {@code preset} as the simulation's own preset ({@code -Dpreset} wins).
   */
  public static RunConfig load(String preset, ContentChecks checks) {
    return read(Settings.fromSystem(preset), checks);
  }

  /** Reads from the given settings (tests use this). */
  public static RunConfig read(Settings s, Dialect dialect) {
    return read(s, dialect, ContentChecks.none());
  }

  /** Reads from the given settings with a simulation's content checks. */
  public static RunConfig read(Settings s, Dialect dialect, ContentChecks checks) {
    return read(s.withDefaultPreset(dialect.preset()), checks);
  }

  /** Reads from settings whose preset layer is already chosen. */
  public static RunConfig read(Settings s, ContentChecks checks) {
    ApiConfig api = ApiConfig.read(s);
    StreamConfig stream =
        StreamConfig.read(s, s.presetName().filter(Dialect.OPENAI.preset()::equals).isPresent());
    LoadConfig wholeLoad = LoadConfig.read(s);
    InjectorConfig injector = InjectorConfig.read(s, Instant.now());
    injector.checkShareable(s, wholeLoad);
    AnswerConfig answers = AnswerConfig.read(s, checks);
    SloConfig slo = SloConfig.read(s);
    String accounts = s.nonBlank("feeder.accounts", "accounts.csv");
    String prompts = s.nonBlank("feeder.prompts", "prompts.csv");
    String keyEnv = s.nonBlank("apiKey.env", "OPENAI_API_KEY");
    Duration warmUp = s.duration("bench.warmUp", Duration.ZERO, Duration.ZERO, Duration.ofHours(1));
    Duration loopbackWarmUp =
        s.duration(
            "warmUp.loopback", DEFAULT_LOOPBACK_WARM_UP, Duration.ZERO, Duration.ofMinutes(1));
    CompilerPriority compilerPriority =
        s.choice("warmUp.compilerPriority", CompilerPriority.IDLE, CompilerPriority.class);
    Optional<String> key = s.env(keyEnv);
    java.util.Set<String> accountColumns = java.util.Set.of();
    if (api.profile().login().isPresent()) {
      int rows =
          FeederFiles.validate(
              s,
              "feeder.accounts",
              accounts,
              List.of("username", "password"),
              List.of("username", "password"));
      accountColumns = FeederFiles.columns(accounts);
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
    PromptSource promptSource = PromptSource.read(s, prompts);
    if (s.problems().isEmpty()) {
      // Only on an otherwise valid profile: a broken request would make every later one look bad.
      api.profile()
          .unknownReference(accountColumns, promptSource.columns())
          .ifPresent(problem -> s.problem(problem));
    }
    java.util.Set<String> chatValues =
        api.profile().chatValues(accountColumns, promptSource.columns());
    boolean keyed = api.profile().login().isEmpty() && !api.authHeader().isBlank();
    if (keyed && api.baseUrl().isPresent() && key.isEmpty()) {
      s.problem(
          "preset "
              + s.presetName().orElse("(none)")
              + " against "
              + api.baseUrl().get()
              + " needs an API key in the environment variable "
              + keyEnv
              + " (or name another variable with -DapiKey.env=NAME, or send none with"
              + " -Dauth.header=)");
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
        wholeLoad,
        promptSource,
        loopbackWarmUp,
        compilerPriority,
        chatValues);
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
