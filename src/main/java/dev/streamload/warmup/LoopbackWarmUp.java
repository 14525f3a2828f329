package dev.streamload.warmup;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.streamload.chains.ChatScenario;
import dev.streamload.chains.ChatStream;
import dev.streamload.chains.Identity;
import dev.streamload.config.CompilerPriority;
import dev.streamload.config.InjectorConfig;
import dev.streamload.gatling.BatchedRows;
import dev.streamload.gatling.Silent;
import dev.streamload.gatling.WarmUp;
import dev.streamload.load.Protocols;
import dev.streamload.run.StreamloadRun;
import dev.streamload.stream.StreamDialect;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loopback warm-up: before the load, a few users of a scenario of their own run the run's real
 * identity chain where the server can answer it ({@link IdentityAnswer}) and its real stream step
 * (request template, Gatling's {@code sse()} and HTTP client, Netty, the event hook, recorder,
 * classifier, metrics, trace and report rows) against a server inside the JVM on 127.0.0.1, until
 * the JIT compiler has caught up with that code or {@code warmUp.loopback} has passed. The JIT
 * compiles that code while nothing is measured, so the first real streams are timed by compiled
 * code and the compiler's work of the first half minute does not compete with the load for the
 * client's cores (docs/benchmark.md).
 *
 * <p>Nothing goes to the target, nothing is recorded in the run's results, and the report shows
 * only the warm-up scenario's users (their requests are silenced): {@link WarmUpStreams}, {@link
 * Silent}. The load starts when the last warm-up user is done.
 */
public final class LoopbackWarmUp {

  /** Name of the warm-up scenario (the only trace it leaves in Gatling's report). */
  public static final String SCENARIO = "streamload warm-up (loopback, not measured)";

  /** Users of the warm-up, each streaming one answer after another. */
  static final int USERS = 16;

  /** Shortest warm-up: the compiler needs some traffic before its quiet means anything. */
  static final long MIN_NANOS = 1_000_000_000L;

  /** Text events per made-up answer, before its end marker. */
  static final int EVENTS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(LoopbackWarmUp.class);

  private LoopbackWarmUp() {}

  /**
   * The warm-up population for {@code run}, to be followed by the load ({@code andThen}); empty
   * when {@code warmUp.loopback} is zero or the loopback server cannot start (the run then goes on
   * without it, as it did before this warm-up existed).
   */
  public static Optional<PopulationBuilder> population(StreamloadRun run) {
    Duration duration = run.config().loopbackWarmUp();
    if (duration.isZero()) {
      return Optional.empty();
    }
    LoopbackServer server;
    WarmUpStreams streams;
    Optional<IdentityAnswer> identity =
        IdentityAnswer.of(
            run.config().api(),
            why -> LOG.info("warm-up: the stream step only, not the identity chain ({})", why));
    try {
      server =
          LoopbackServer.start(
              events(run.config().stream().dialect()),
              identity.map(IdentityAnswer::responses).orElse(null));
    } catch (IOException | RuntimeException e) {
      LOG.warn("warm-up: no loopback server ({}); the load starts without it", e.toString());
      return Optional.empty();
    }
    try {
      streams = new WarmUpStreams(run.config());
    } catch (IOException e) {
      server.close();
      LOG.warn("warm-up: no scratch trace file ({}); the load starts without it", e.toString());
      return Optional.empty();
    }
    LOG.info(
        "warm-up: up to {} s of streams against 127.0.0.1 before the load, until the JIT compiler"
            + " has caught up (warmUp.loopback; 0s skips it)",
        duration.toMillis() / 1000.0);
    CompilerPriority compilers = run.config().compilerPriority();
    CompilerQueue queue = new CompilerQueue();
    CompilerPace pace = new CompilerPace(queue::optimizerQueued, System::nanoTime);
    LastUser lastUser = new LastUser(USERS, () -> end(server, streams, pace, compilers));
    Optional<Instant> startAt = run.config().injector().startAt();
    JitWatch jit = JitWatch.ofThisJvm(queue);
    KeepGoing keepGoing =
        new KeepGoing(
            duration.toNanos(),
            jit == null ? null : jit::caughtUp,
            startAt.map(at -> at.toEpochMilli() - GATE_MARGIN_MILLIS).orElse(Long.MAX_VALUE));
    return Optional.of(
        scenario(SCENARIO)
            .exec(
                new Silent(
                    // Batched like the load's rows (BatchedRows), so that its code is warm too;
                    // Silent drops the rows at their hand-over.
                    exec(
                        new BatchedRows(
                            ChatScenario.warmUpTurns(
                                run,
                                identity.isPresent() ? Identity.warmUp(run, streams) : null,
                                ChatStream.chat(run, streams),
                                keepGoing,
                                pace::pause)))))
            // The last user's end (server closed, heap collected) comes before the start gate,
            // so that the collection's pause is not taken from the load. With injector.startAt
            // the gate is here, not in before(): every warm-up user waits for it, and the load
            // follows the last of them (StreamloadRun.markInjectionStart).
            .exec(lastUser::userDone)
            .pause(session -> untilStart(startAt))
            .injectOpen(atOnceUsers(USERS))
            // silentUri: the identity requests' rows are dropped by Gatling itself (Silent mutes
            // the rows of actions built with the scenario's context; an HTTP request reports
            // through its protocol's components instead).
            .protocols(Protocols.http(run, server.baseUrl()).silentUri(".*")));
  }

  /**
   * Stops the server and the scratch outputs, says what the warm-up did, moves the JIT compiler's
   * threads behind the event loops and empties the heap for the load.
   */
  private static void end(
      LoopbackServer server, WarmUpStreams streams, CompilerPace pace, CompilerPriority compilers) {
    server.close();
    streams.close();
    LOG.info(
        "warm-up: {} streams ({} complete) and {} identity requests in {} ms against 127.0.0.1,"
            + " nothing sent to the target; {} turns held while the JIT compiler caught up",
        streams.streams(),
        streams.complete(),
        server.identityAnswers(),
        (System.nanoTime() - streams.firstNanos()) / 1_000_000,
        pace.held());
    if (streams.identityFailures() > 0) {
      LOG.warn(
          "warm-up: {} identity steps failed against the loopback server (first: {}); the load's"
              + " first logins run cold",
          streams.identityFailures(),
          streams.firstIdentityFailure());
    }
    CompilerThreads.Outcome compiling = CompilerThreads.lower(compilers);
    if (compiling.failed()) {
      LOG.warn("warm-up: {}", compiling);
    } else {
      LOG.info("warm-up: {}", compiling);
    }
    FreshHeap.Collected gc = FreshHeap.collect();
    LOG.info("warm-up: {}", gc);
  }

  /** Runs {@code atLast} once, when the last of the warm-up's users is done. */
  static final class LastUser {

    private final AtomicInteger running;
    private final Runnable atLast;

    LastUser(int users, Runnable atLast) {
      this.running = new AtomicInteger(users);
      this.atLast = atLast;
    }

    /** A warm-up user's last action. */
    Session userDone(Session session) {
      if (running.decrementAndGet() == 0) {
        atLast.run();
      }
      return session;
    }
  }

  /** How long before {@code injector.startAt} the warm-up stops starting turns. */
  static final long GATE_MARGIN_MILLIS = 1_000;

  /** The wait from now to {@code startAt} (zero without one or once it passed), bounded. */
  static Duration untilStart(Optional<Instant> startAt) {
    if (startAt.isEmpty()) {
      return Duration.ZERO;
    }
    long wait = startAt.get().toEpochMilli() - System.currentTimeMillis();
    return Duration.ofMillis(
        Math.max(0, Math.min(wait, InjectorConfig.MAX_START_DISTANCE.toMillis())));
  }

  /**
   * Whether warm-up users start another turn: for at least {@link #MIN_NANOS}, then until the JIT
   * compiler has caught up ({@link JitWatch}), at most {@code warmUp.loopback} in all (from the
   * first call, i.e. the first user's first turn), and never past {@code stopAtEpochMillis} (a
   * margin before {@code injector.startAt}).
   */
  static final class KeepGoing implements java.util.function.BooleanSupplier {

    private final long capNanos;
    private final java.util.function.BooleanSupplier caughtUp;
    private final long stopAtEpochMillis;
    private final LongSupplier nanos;
    private final LongSupplier epochMillis;
    private volatile long start;

    /**
     * @param caughtUp whether the JIT compiler has caught up ({@link JitWatch#caughtUp}), or null
     *     when the JVM does not say
     */
    KeepGoing(long capNanos, java.util.function.BooleanSupplier caughtUp, long stopAtEpochMillis) {
      this(capNanos, caughtUp, stopAtEpochMillis, System::nanoTime, System::currentTimeMillis);
    }

    KeepGoing(
        long capNanos,
        java.util.function.BooleanSupplier caughtUp,
        long stopAtEpochMillis,
        LongSupplier nanos,
        LongSupplier epochMillis) {
      this.capNanos = capNanos;
      this.caughtUp = caughtUp;
      this.stopAtEpochMillis = stopAtEpochMillis;
      this.nanos = nanos;
      this.epochMillis = epochMillis;
    }

    @Override
    public boolean getAsBoolean() {
      if (epochMillis.getAsLong() >= stopAtEpochMillis) {
        return false;
      }
      long now = nanos.getAsLong();
      if (start == 0) {
        start = now;
      }
      long elapsed = now - start;
      if (elapsed >= capNanos) {
        return false;
      }
      return elapsed < Math.min(MIN_NANOS, capNanos)
          || caughtUp == null
          || !caughtUp.getAsBoolean();
    }
  }

  /** The made-up answer in the run's dialect: short text events, then its end marker if any. */
  static List<byte[]> events(StreamDialect dialect) {
    String text = "data: " + WarmUp.textEvent(dialect) + "\n\n";
    List<byte[]> events = new ArrayList<>(EVENTS + 1);
    for (int i = 0; i < EVENTS; i++) {
      events.add(text.getBytes(StandardCharsets.UTF_8));
    }
    if (dialect.endMarker() != null) {
      events.add(("data: " + dialect.endMarker() + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
    return events;
  }
}
