package dev.streamload.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.api.History;
import dev.streamload.config.ApiConfig;
import dev.streamload.config.ConfigException;
import dev.streamload.config.InjectorConfig;
import dev.streamload.config.PropertyNames;
import dev.streamload.config.RunConfig;
import dev.streamload.config.RunConfig.Dialect;
import dev.streamload.config.Settings;
import dev.streamload.gatling.LiveStream;
import dev.streamload.gatling.OpenConnections;
import dev.streamload.gatling.ReportRows;
import dev.streamload.gatling.StreamRows;
import dev.streamload.gatling.WarmUp;
import dev.streamload.injector.InjectorFiles;
import dev.streamload.injector.InjectorHealth;
import dev.streamload.injector.InjectorReport;
import dev.streamload.injector.StartGate;
import dev.streamload.load.Injection;
import dev.streamload.load.Slos;
import dev.streamload.metrics.AnswerWriter;
import dev.streamload.metrics.ClockAnchor;
import dev.streamload.metrics.ConnectionSample;
import dev.streamload.metrics.DashboardWriter;
import dev.streamload.metrics.Injectors;
import dev.streamload.metrics.MetricsRegistry;
import dev.streamload.metrics.RunMeta;
import dev.streamload.metrics.RunOrigin;
import dev.streamload.metrics.RunState;
import dev.streamload.metrics.RunSummary;
import dev.streamload.metrics.StepPlan;
import dev.streamload.metrics.SummaryJson;
import dev.streamload.metrics.TraceWriter;
import dev.streamload.mock.MockChatServer;
import dev.streamload.mock.MockMain;
import dev.streamload.mock.MockSettings;
import dev.streamload.stream.AnswerRules;
import dev.streamload.stream.ContentChecks;
import dev.streamload.stream.EventParser;
import dev.streamload.stream.FailureClass;
import dev.streamload.stream.StreamLimits;
import dev.streamload.stream.StreamResult;
import dev.streamload.verdict.EarlyStop;
import dev.streamload.verdict.Verdict;
import dev.streamload.verdict.VerdictJson;
import dev.streamload.verdict.VerdictText;
import io.gatling.javaapi.core.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one simulation run shares: validated config, the embedded mock (if no target is set),
 * the metrics registry, the trace file and the output folder. Simulations create one in their
 * constructor and call {@link #finish()} from {@code after()}; chains call the per-stream methods
 * through one-line lambdas.
 */
public final class StreamloadRun implements dev.streamload.chains.StreamHooks {

  private static final Logger LOG = LoggerFactory.getLogger(StreamloadRun.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunConfig config;
  private final String preset;
  private final String simulation;
  private final MockChatServer mock;
  private final String baseUrl;
  private final EventParser parser;
  private final StreamLimits limits;
  private final AnswerRules rules;
  private final AnswerRules sampledRules;
  private final AnswerWriter answers;
  private final List<StepPlan> plan;
  private final MetricsRegistry registry;
  private final TraceWriter trace;
  private final RunResources resources;
  private final Path outputDir;
  private final String runId;
  private final AtomicLong requestSeq = new AtomicLong();
  private final Map<FailureClass, String> firstDetails =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final ResendLedger resends = new ResendLedger();
  private final RunOrigin origin = RunOrigin.provisional(System.nanoTime());
  private final EarlyStop earlyStop;
  private ScheduledExecutorService earlyStopTimer;
  private ConnectionSampler connections;
  private final OpenConnections openConnections = new OpenConnections();
  private final StepClock steps;
  private final Redactor redactor;
  private volatile long gateOpenedEpochMillis = System.currentTimeMillis();
  private final Map<String, String> targetNotes = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean sseStreams;
  private final java.util.concurrent.atomic.AtomicBoolean loadStarted =
      new java.util.concurrent.atomic.AtomicBoolean();

  private StreamloadRun(RunConfig config, String simulation) {
    this.config = config;
    this.preset = config.api().profile().preset().orElse("none");
    this.simulation = simulation;
    this.runId = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
    if (config.embedded()) {
      this.mock = startMock(embeddedMockSettings());
      this.baseUrl = mock.baseUrl();
    } else {
      this.mock = null;
      this.baseUrl = config.api().baseUrl().orElseThrow();
      Preflight.checkReachable(baseUrl);
    }
    this.parser = new EventParser(config.stream().dialect());
    this.limits = config.stream().limits();
    this.rules = config.answers().rules();
    this.sampledRules = rules.sampled();
    this.plan = Injection.plan(config.load());
    this.registry =
        new MetricsRegistry(
            origin,
            ClockAnchor.now(),
            MetricsRegistry.DEFAULT_BUCKET,
            MetricsRegistry.DEFAULT_MAX_BUCKETS);
    this.earlyStop =
        config.slo().stopOnMiss()
            ? new EarlyStop(
                plan,
                Slos.objectives(config.slo()),
                registry::stepSummary,
                registry::inFlight,
                System::nanoTime,
                origin::nanos)
            : null;
    this.steps = new StepClock(plan, origin);
    List<String> runSecrets = new ArrayList<>(config.api().headers().values());
    config.apiKey().ifPresent(runSecrets::add);
    this.redactor = new Redactor(runSecrets);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    this.outputDir =
        Path.of(Settings.fromSystem().string("results.dir", "results"))
            .resolve(simulation.toLowerCase(Locale.ROOT) + "-" + stamp)
            .toAbsolutePath();
    try {
      Files.createDirectories(outputDir);
      this.trace =
          new TraceWriter(outputDir.resolve("streams.jsonl"), origin, registry.clockAnchor());
      this.resources = new RunResources(origin, config.warmUp());
      this.answers =
          config.answers().samples()
              ? new AnswerWriter(
                  outputDir.resolve(ANSWERS_FILE),
                  config.answers().sampleAnswers(),
                  config.answers().sampleEvery())
              : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results to " + outputDir, e);
    }
    LOG.info(
        "streamload {}: preset {}, target {}{}{}, {}, results in {}",
        simulation,
        preset,
        ApiConfig.withoutCredentials(baseUrl),
        mock != null ? " (embedded mock)" : "",
        config.api().profile().login().isEmpty() && !config.api().authHeader().isBlank()
            ? ", API key: " + config.apiKeySource()
            : "",
        config.load().describe()
            + (config.injector().shared() ? ", " + config.injector().describe() : ""),
        outputDir);
    LOG.info(
        "requests: {}; prompts: {}",
        config.api().profile().describe(),
        config.prompts().describe());
    PropertyNames.warnings(Settings.fromSystem()).forEach(LOG::warn);
    if (!rules.checks().isEmpty()) {
      LOG.info("content checks on every complete answer: {}", rules.checks().describe());
    }
    if (answers != null) {
      LOG.info(
          "answer sample on: the text of up to {} answers (1 stream in {}) goes to {}; it"
              + " may hold sensitive text",
          config.answers().sampleAnswers(),
          config.answers().sampleEvery(),
          outputDir.resolve(ANSWERS_FILE));
    }
  }

  /** The answer sample's file in the run's folder. */
  static final String ANSWERS_FILE = "answers.jsonl";

  /**
   * Reads the configuration, starts the embedded mock when no target is set, and prepares the
   * outputs. A configuration problem stops the run before any load: printed once and the JVM exits
   * with status 1 under Gatling's own main, thrown to an in-process caller ({@link StartFailure}).
   */
  public static StreamloadRun start(Dialect dialect, Class<?> simulation) {
    return start(dialect, simulation, ContentChecks.none());
  }

  /**
   * As {@link #start(Dialect, Class)}, with the content checks the simulation sets in code ({@code
   * check.*} properties replace them one by one).
   */
  public static StreamloadRun start(Dialect dialect, Class<?> simulation, ContentChecks checks) {
    return start(dialect.preset(), simulation, checks);
  }

  /**
   * As {@link #start(Dialect, Class, ContentChecks)} for a simulation whose own preset is {@code
   * preset} ({@code -Dpreset} wins over it).
   */
  public static StreamloadRun start(String preset, Class<?> simulation, ContentChecks checks) {
    try {
      return new StreamloadRun(RunConfig.load(preset, checks), simulation.getSimpleName());
    } catch (ConfigException e) {
      throw StartFailure.stop(e);
    } catch (IllegalArgumentException e) {
      // MockSettings' own cross-field checks name the field and the value.
      throw StartFailure.stop(new ConfigException("mock.*: " + e.getMessage()));
    }
  }

  /** Starts the embedded mock; a port it cannot bind is a configuration problem (mock.port). */
  private static MockChatServer startMock(MockSettings settings) {
    try {
      return MockChatServer.start(settings);
    } catch (IllegalStateException e) {
      throw new ConfigException(
          "mock.port = '"
              + settings.port()
              + "': "
              + e.getMessage()
              + ". Is another process (a standalone mock?) on that port? Leave mock.port unset"
              + " for a free port.");
    }
  }

  /** The -Dmock.* settings; unlike the stand-alone mock, a free port unless mock.port is set. */
  private static MockSettings embeddedMockSettings() {
    Settings settings = Settings.fromSystem();
    MockSettings mock = MockMain.settingsFrom(settings);
    return settings.raw("mock.port").isPresent() ? mock : mock.withPort(0);
  }

  /**
   * Adds a fact about the target to summary.json's {@code run.target}, replacing one of the run's
   * own when the key is the same (a WebSocket scenario's {@code end} rule and {@code ws_url}). Safe
   * facts only: {@code RunMeta} rejects credential-like keys and values.
   */
  public void noteTarget(String key, String value) {
    targetNotes.put(key, value);
  }

  /**
   * Stops the run for a configuration problem found after {@link #start} (a chain's own settings,
   * e.g. {@code ws.*}), as {@code start} does: said once, no load; the embedded mock is stopped.
   */
  public ConfigException stopFor(ConfigException problem) {
    if (mock != null) {
      mock.close();
    }
    return StartFailure.stop(problem);
  }

  /** The preset the run's settings were read with (-Dpreset, else the simulation's), or null. */
  public String presetName() {
    return "none".equals(preset) ? null : preset;
  }

  public RunConfig config() {
    return config;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /**
   * Notes that the simulation streams over SSE through {@code ChatStream} (called while its
   * scenario is built): such a run gets the loopback warm-up before its load.
   */
  public void markSseStreams() {
    sseStreams = true;
  }

  /** True when the simulation's scenario has an SSE stream step ({@link #markSseStreams()}). */
  public boolean sseStreams() {
    return sseStreams;
  }

  /** The connections that carried a stream request and are still open (the connection samples). */
  public OpenConnections openConnections() {
    return openConnections;
  }

  /**
   * Call when injection starts (the simulation's {@code before()}): waits for {@code
   * injector.startAt} if one is set, then the cost window opens.
   */
  public void markInjectionStart() {
    if (!loopbackWarmUp()) {
      warmUp();
      StartGate.await(config.injector().startAt(), InjectorConfig.MAX_START_DISTANCE);
    }
    // Else the loopback warm-up runs first and its users wait for injector.startAt
    // (LoopbackWarmUp): the load starts at that instant on every injector.
    gateOpenedEpochMillis = System.currentTimeMillis();
    resources.start();
    connections =
        ConnectionSampler.start(openConnections::now, registry::inFlightTotal, origin::nanos);
    if (earlyStop != null) {
      earlyStopTimer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "streamload-early-stop");
                t.setDaemon(true);
                return t;
              });
      long every = EarlyStop.POLL.toMillis();
      earlyStopTimer.scheduleWithFixedDelay(
          this::pollEarlyStop, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /** True when the loopback warm-up runs before the load ({@code warmUp.loopback}, SSE only). */
  public boolean loopbackWarmUp() {
    return sseStreams && !config.loopbackWarmUp().isZero();
  }

  /**
   * Runs the per-event path on made-up streams before any load ({@link WarmUp}), recorded in a
   * throwaway registry: the first real streams are then timed by compiled code.
   */
  private void warmUp() {
    long start = System.nanoTime();
    MetricsRegistry scratch =
        new MetricsRegistry(
            RunOrigin.provisional(start),
            ClockAnchor.now(),
            MetricsRegistry.DEFAULT_BUCKET,
            MetricsRegistry.DEFAULT_MAX_BUCKETS);
    long events = WarmUp.run(config.stream().dialect(), limits, scratch::record);
    LOG.debug(
        "warm-up: {} made-up events in {} ms, nothing sent",
        events,
        (System.nanoTime() - start) / 1_000_000);
  }

  private void pollEarlyStop() {
    if (earlyStop.poll()) {
      earlyStop
          .missedStep()
          .ifPresent(
              step ->
                  LOG.warn(
                      "slo.stopOnMiss: {} missed {}; no new stream starts, and the load stops once"
                          + " the streams in flight have ended",
                      step.step().name(),
                      step.missed().stream().map(VerdictText::missed).toList()));
      earlyStopTimer.shutdown();
    }
  }

  /** True once slo.stopOnMiss saw a step miss an objective: arriving users start nothing. */
  public boolean stopping() {
    return earlyStop != null && earlyStop.stopping();
  }

  /** True when {@link #stopping()} and no stream is in flight: time to stop the load generator. */
  public boolean stopNow() {
    return stopping() && registry.inFlightTotal() == 0;
  }

  /** The message of the load generator stop. */
  public String stopMessage() {
    if (earlyStop == null) {
      return "slo.stopOnMiss";
    }
    return earlyStop
        .missedStep()
        .map(s -> "slo.stopOnMiss: " + s.step().name() + " missed its SLOs")
        .orElse("slo.stopOnMiss");
  }

  /**
   * The step a stream starting {@code now} counts in: a user's first stream (its arrival time is in
   * the session) in the step the user arrived in, so that achieved arrival rates per step are exact
   * even though the identity chain comes first; later turns in the step they start.
   */
  private int stepOf(Session session, long now) {
    return steps.stepAt(session.contains(ARRIVAL) ? session.getLong(ARRIVAL) : now);
  }

  /** Session key of the login token (the identity chain saves it there; a secret). */
  public static final String TOKEN_KEY = "token";

  /** Session key of the feeder account's password (a secret). */
  static final String PASSWORD_KEY = "password";

  /** Session key of the stream request's unique id, sent in the request-id header. */
  public static final String REQUEST_ID = "requestId";

  /** Session key: this stream's answer goes to the answer sample. */
  private static final String SAMPLED = "streamload.sampled";

  /** Session key of the user's conversation history (set by the scenario). */
  public static final String HISTORY = "streamload.history";

  /** Session key of the user's arrival time, used for the step of its first stream. */
  private static final String ARRIVAL = "streamload.arrival";

  /**
   * Marks the user's arrival (first action of every scenario). The first arrival of the run is the
   * run start: the one origin of the load steps ({@link StepClock}), of streams.jsonl's times, of
   * the over-time buckets and of summary.json's run.start. Gatling starts injecting a little after
   * {@code before()}, and an origin that early would shift every arrival towards the previous step.
   */
  public Session userArrived(Session session) {
    long now = System.nanoTime();
    if (loadStarted.compareAndSet(false, true) && loopbackWarmUp()) {
      // The loopback warm-up ran between before() and this first arrival: the cost window opens
      // with the load, not with the warm-up.
      resources.start();
    }
    steps.userArrived(now);
    return session.set(ARRIVAL, now);
  }

  /**
   * Starts a stream attempt for this user: a fresh request id and a {@link LiveStream}. The first
   * stream of a user counts in the load step its user arrived in (so achieved arrival rates per
   * step are exact even though the identity chain comes first); later turns in the step they start.
   */
  public Session beginStream(Session session) {
    long now = System.nanoTime();
    int step = stepOf(session, now);
    String requestId = nextRequestId(session);
    registry.streamStarted(step);
    boolean sampled = answers != null && answers.select();
    LiveStream live =
        LiveStream.onTheSystemClock(
            requestId,
            Long.toString(session.userId()),
            step,
            now,
            limits,
            parser,
            config.stream().keepEventTimes(),
            sampled || config.api().profile().history() ? sampledRules : rules);
    return session
        .remove(ARRIVAL)
        .set(LiveStream.KEY, live)
        .set(REQUEST_ID, requestId)
        .set(SAMPLED, sampled);
  }

  /**
   * Starts a stream of another transport (a WebSocket turn) as {@link #beginStream} starts an SSE
   * stream: a fresh request id (put in the session under {@link #REQUEST_ID}), the load step, the
   * in-flight count. The stream's own state, made from its ticket by {@code state}, goes in the
   * session under {@code key}; the stream ends with {@link #closeStream}.
   */
  public Session openStream(
      Session session, String key, java.util.function.Function<StreamTicket, ?> state) {
    long now = System.nanoTime();
    int step = stepOf(session, now);
    String requestId = nextRequestId(session);
    registry.streamStarted(step);
    StreamTicket ticket =
        new StreamTicket(
            requestId,
            Long.toString(session.userId()),
            step,
            now,
            limits,
            config.stream().keepEventTimes(),
            answers != null && answers.select() ? sampledRules : rules);
    return session.remove(ARRIVAL).set(REQUEST_ID, requestId).set(key, state.apply(ticket));
  }

  /**
   * Ends a stream started with {@link #openStream}: secrets removed from its detail, the answer
   * sample, metrics, trace and report rows, exactly as an SSE stream's.
   *
   * @param sampledAnswer the answer's text when the stream is in the answer sample, else null
   */
  public void closeStream(
      Session session, StreamResult result, String sampledAnswer, ReportRows.Sink sink) {
    StreamResult clean = withPrompt(redacted(result, session), session);
    if (sampledAnswer != null && answers != null) {
      answers.write(clean, sampledAnswer);
    }
    record(clean, sink);
  }

  /**
   * Notes a blocked silent re-send of {@code requestId} (called from the request signer). Said on
   * the console once, at the end, and only for streams that ended {@code interrupted}.
   */
  public void replayBlocked(String requestId) {
    resends.resendBlocked(requestId);
    LOG.debug("blocked a re-send of {} by Gatling", requestId);
  }

  /** A fresh request id: [injector prefix] run id, user id, sequence number. */
  private String nextRequestId(Session session) {
    return config.injector().requestIdPrefix()
        + runId
        + "-"
        + session.userId()
        + "-"
        + requestSeq.incrementAndGet();
  }

  /** Ends the stream in the session: classify, record, trace, and write its report rows. */
  public void endStream(Session session, ReportRows.Sink sink) {
    LiveStream live = session.get(LiveStream.KEY);
    StreamResult result =
        withPrompt(redacted(live.finish(System.nanoTime(), session), session), session);
    String answer = live.takeSampledAnswer();
    if (answer != null && session.contains(SAMPLED) && session.getBoolean(SAMPLED)) {
      answers.write(result, answer);
    }
    if (session.contains(HISTORY) && result.failure().isEmpty()) {
      History history = session.get(HISTORY);
      history.answered(session.getString("prompt"), answer);
    }
    record(result, sink);
  }

  /** Records a user whose chain failed before its stream (login or conversation). */
  public void chainFailed(
      Session session, FailureClass failure, String step, ReportRows.Sink sink) {
    chainFailed(session, failure, step, null, sink);
  }

  /**
   * As {@link #chainFailed(Session, FailureClass, String, ReportRows.Sink)}, with what the server
   * answered (status and the start of its body; credentials are masked in the stream result).
   */
  @Override
  public void chainFailed(
      Session session, FailureClass failure, String step, String response, ReportRows.Sink sink) {
    long now = System.nanoTime();
    int index = stepOf(session, now);
    registry.streamStarted(index);
    String requestId = nextRequestId(session);
    record(
        redacted(
            StreamResult.failedBeforeStream(
                requestId,
                Long.toString(session.userId()),
                index,
                now,
                now,
                failure,
                step
                    + " failed"
                    + (response == null || response.isEmpty() ? "" : " (" + response + ")")
                    + ": no stream was attempted"),
            session),
        sink);
  }

  /** The result with the run's and this user's secrets removed from its detail. */
  private StreamResult redacted(StreamResult result, Session session) {
    if (result.detail() == null) {
      return result;
    }
    String clean =
        redactor.redact(result.detail(), secret(session, TOKEN_KEY), secret(session, PASSWORD_KEY));
    return clean.equals(result.detail()) ? result : result.withDetail(clean);
  }

  private static String secret(Session session, String key) {
    return session.contains(key) ? session.getString(key) : null;
  }

  /** The result with the length of the prompt the stream sent (the feeder's prompt column). */
  private static StreamResult withPrompt(StreamResult result, Session session) {
    return session.contains("prompt")
        ? result.withPromptChars(session.getString("prompt").length())
        : result;
  }

  private void record(StreamResult result, ReportRows.Sink sink) {
    if (result.failure().isPresent() && result.detail() != null) {
      firstDetails.putIfAbsent(result.failure().get(), result.detail());
    }
    resends.streamEnded(result.requestId(), result.failure());
    resources.count(result.events());
    registry.record(result);
    trace.write(result);
    StreamRows.write(result, registry.clockAnchor(), config.stream().gapRows(), sink);
  }

  /**
   * Writes summary.json, dashboard.html, resources.json and mock.json, closes the trace, stops the
   * mock and schedules the closing lines (outcome and where everything is) for the end of the
   * console ({@link ConsoleEnd}). Called once from the simulation's {@code after()}.
   */
  public void finish() {
    long end = System.nanoTime();
    if (earlyStopTimer != null) {
      earlyStopTimer.shutdownNow();
    }
    if (mock != null) {
      awaitMockConnectionsClosed();
    }
    long clientSockets = awaitClientSocketsClosed();
    // The last sample comes after the release wait: it shows what the run left open.
    List<ConnectionSample> samples = List.of();
    if (connections != null) {
      connections.sample();
      connections.close();
      samples = connections.samples();
    }
    List<ConnectionSample> connectionSamples = samples;
    try {
      trace.close();
    } catch (IOException e) {
      LOG.error(
          "could not finish the trace file {}: {}",
          outputDir.resolve("streams.jsonl"),
          e.toString());
    }
    if (answers != null) {
      try {
        answers.close();
        LOG.info(
            "answer sample: {} answer(s) in {} (may hold sensitive text)",
            answers.written(),
            outputDir.resolve(ANSWERS_FILE));
      } catch (IOException e) {
        LOG.error(
            "could not finish the answer sample {}: {}",
            outputDir.resolve(ANSWERS_FILE),
            e.toString());
      }
    }
    Map<String, String> target = new LinkedHashMap<>();
    target.put("base_url", ApiConfig.withoutCredentials(baseUrl));
    target.put("embedded_mock", Boolean.toString(mock != null));
    target.put("dialect", config.api().profile().login().isPresent() ? "chat" : "openai");
    target.put("preset", preset);
    if (config.api().profile().login().isEmpty()) {
      target.put("model", config.api().model());
    }
    target.put("end", config.stream().end().text());
    if (config.stream().endMarker() != null) {
      target.put("end_marker", config.stream().endMarker());
    }
    target.putAll(targetNotes);
    if (targetNotes.containsKey("end") && !targetNotes.containsKey("end_marker")) {
      target.remove("end_marker");
    }
    target.put("client_sockets_open_at_end", Long.toString(clientSockets));
    RunState state = registry.state(origin.nanos(), end);
    InjectorReport report = injectorReport(state, target);
    RunSummary summary =
        state
            .summary(plan)
            .withMeta(
                new RunMeta(
                    simulation,
                    config.load().profileName(),
                    config.load().describe(),
                    target,
                    injectors(report)));
    Verdict verdict = Verdict.of(summary, Slos.objectives(config.slo()), stopping());
    try {
      resources.write(outputDir.resolve("resources.json"));
      InjectorFiles.write(outputDir, report);
      SummaryJson.write(
          summary,
          outputDir.resolve("summary.json"),
          g -> {
            VerdictJson.write(g, verdict);
            ConnectionsJson.write(g, connectionSamples);
          });
      DashboardWriter.write(summary, connectionSamples, outputDir.resolve("dashboard.html"));
    } catch (IOException e) {
      LOG.error("could not write the run summary in {}: {}", outputDir, e.toString());
    }
    if (resends.otherStreamsWithBlockedResend() > 0) {
      LOG.debug(
          "blocked re-sends of {} stream(s) that did not end 'interrupted' (e.g. Gatling retrying"
              + " a request on a keep-alive connection the server had closed)",
          resends.otherStreamsWithBlockedResend());
    }
    if (mock != null) {
      Map<String, Object> served = mock.counters().snapshot();
      LOG.debug("embedded mock served: {}", served);
      try {
        JSON.writerWithDefaultPrettyPrinter()
            .writeValue(outputDir.resolve("mock.json").toFile(), served);
      } catch (IOException e) {
        LOG.error("could not write mock.json in {}: {}", outputDir, e.toString());
      }
      mock.close();
    }
    if (config.injector().shared()) {
      LOG.info(
          "{}: merge this folder with the other injectors' folders (README, 'Several injectors')",
          config.injector().describe());
    }
    ConsoleEnd.atExit(simulation, outputDir, closingLines(summary, verdict));
  }

  /** The outcome lines the console ends with, before the list of files. */
  private List<String> closingLines(RunSummary summary, Verdict verdict) {
    List<String> lines = new ArrayList<>();
    lines.add(ClosingLines.outcome(summary.totals(), config.slo().maxFailedPercent().isPresent()));
    ClosingLines.resends(
            resends.interruptedWithBlockedResend(),
            summary.totals().failures(FailureClass.INTERRUPTED))
        .ifPresent(lines::add);
    if (mock != null) {
      ClosingLines.mockRejected(mock.counters().badRequests(), mock.counters().lastBadRequest())
          .ifPresent(lines::add);
    }
    ClosingLines.firstDetails(summary.totals(), firstDetails).forEach(lines::add);
    lines.add("streamload: per-step verdict");
    VerdictText.lines(verdict).forEach(line -> lines.add("  " + line));
    return lines;
  }

  /** This run as one injector's mergeable report (see {@link InjectorFiles}). */
  private InjectorReport injectorReport(RunState state, Map<String, String> target) {
    InjectorConfig injector = config.injector();
    // When Gatling was let go, against the start instant: a JVM that came up late starts late.
    double lateMs =
        injector
            .startAt()
            .map(t -> (double) (gateOpenedEpochMillis - t.toEpochMilli()))
            .orElse(0.0);
    long inFlight = state.total().started() - state.total().completed() - state.total().failed();
    return new InjectorReport(
        simulation,
        config.wholeLoad().describe(),
        injector.index(),
        injector.count(),
        injector.startAt(),
        lateMs,
        plan,
        Injection.plan(config.wholeLoad()),
        target,
        state,
        InjectorHealth.problems(lateMs, inFlight));
  }

  /** Which injector this run is, as its summary shows it. */
  private static Injectors injectors(InjectorReport r) {
    return new Injectors(
        r.count(),
        false,
        List.of(r.index()),
        List.of(),
        r.ok() ? Map.of() : Map.of(r.index(), r.problems()),
        r.startAt());
  }

  /** How long the embedded mock may take to see every connection closed after the last stream. */
  static final Duration CONNECTION_RELEASE_GRACE = Duration.ofSeconds(5);

  private void awaitMockConnectionsClosed() {
    long open = awaitZero(() -> mock.counters().openConnections());
    if (open > 0) {
      LOG.warn(
          "{} connection(s) to the embedded mock still open {} after the run: a connection leak",
          open,
          CONNECTION_RELEASE_GRACE);
    }
  }

  /**
   * Waits (bounded) until this JVM holds no connection to the target and returns how many are still
   * open (-1 when the platform cannot tell).
   */
  private long awaitClientSocketsClosed() {
    int port = Preflight.port(URI.create(baseUrl));
    long open = awaitZero(() -> OwnSockets.establishedTo(port));
    if (open > 0) {
      LOG.warn(
          "the load generator still holds {} connection(s) to {} after the run",
          open,
          ApiConfig.withoutCredentials(baseUrl));
    }
    return open;
  }

  /**
   * Polls {@code count} until it is at most 0 or the grace period is over; returns its last value.
   */
  private static long awaitZero(LongSupplier count) {
    long deadline = System.nanoTime() + CONNECTION_RELEASE_GRACE.toNanos();
    long value = count.getAsLong();
    while (value > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      value = count.getAsLong();
    }
    return value;
  }
}
