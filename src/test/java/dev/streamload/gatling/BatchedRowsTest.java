package dev.streamload.gatling;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.commons.stats.OK$;
import io.gatling.commons.util.DefaultClock;
import io.gatling.core.CoreComponents;
import io.gatling.core.action.Action;
import io.gatling.core.actor.ActorSystem;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scala.Option;

/**
 * {@link BatchedRows} against Gatling 3.16.0's real action classes with a recording engine and a
 * hand-run pool: rows reach Gatling only at a hand-over, in order, many rows share one hand-over,
 * and a user leaves the chain only after the rows queued before it were handed over (else Gatling
 * could stop its writers with the run's last rows still queued).
 */
class BatchedRowsTest {

  /** Generous bound for what happens on another thread; never reached when the code works. */
  private static final long WAIT_SECONDS = 10;

  /** Far longer than any test: a hand-over scheduled this late has not run when it is checked. */
  private static final long NEVER_MILLIS = TimeUnit.HOURS.toMillis(1);

  /** Everything that reached Gatling or the next action, in order. */
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

  /** Tasks handed to the pool, run by the test. */
  private final List<Runnable> pool = Collections.synchronizedList(new ArrayList<>());

  private final EmbeddedChannel channel = new EmbeddedChannel();

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private StatsEngine recordingEngine() {
    return Fakes.of(
        StatsEngine.class,
        (proxy, method, args) -> {
          seen.add(
              method.getName().equals("logResponse")
                  ? "row " + args[2]
                  : method.getName() + (args == null ? "" : " " + args[0]));
          return null;
        });
  }

  private Action recordingAction(String name) {
    return Fakes.of(
        Action.class,
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "$bang", "execute" -> seen.add(name + " user " + ((Session) args[0]).userId());
            case "name" -> {
              return name;
            }
            default -> {}
          }
          return null;
        });
  }

  /** An action that records the users it gets under {@code name} and counts them down. */
  private Action leaving(String name, CountDownLatch left) {
    Action recording = recordingAction(name);
    return Fakes.of(
        Action.class,
        (proxy, method, args) -> {
          if (method.getName().equals("$bang")) {
            recording.$bang((Session) args[0]);
            left.countDown();
          }
          return method.getName().equals("name") ? name : null;
        });
  }

  private static void row(StatsEngine engine, String name) {
    engine.logResponse(
        "chat",
        scala.collection.immutable.List$.MODULE$.empty(),
        name,
        1,
        2,
        OK$.MODULE$,
        Option.empty(),
        Option.empty());
  }

  private Session user(long id) {
    return io.gatling.core.session.Session$.MODULE$.apply("chat", id, channel.eventLoop());
  }

  private void runPool() {
    List<Runnable> tasks;
    synchronized (pool) {
      tasks = new ArrayList<>(pool);
      pool.clear();
    }
    tasks.forEach(Runnable::run);
  }

  @Test
  void rowsReachGatlingOnlyAtTheHandOverAndInTheOrderTheyWereLogged() {
    BatchedRows.Batch batch = new BatchedRows.Batch(recordingEngine(), pool::add, NEVER_MILLIS);
    StatsEngine engine = batch.engine();

    row(engine, "stream connect");
    engine.logUserEnd("chat");
    row(engine, "stream");

    assertEquals(List.of(), seen, "nothing reaches Gatling before the hand-over");
    runPool();
    assertEquals(List.of("row stream connect", "logUserEnd chat", "row stream"), seen);
  }

  @Test
  void manyRowsShareOneHandOverAndARowAfterItSchedulesTheNext() {
    BatchedRows.Batch batch = new BatchedRows.Batch(recordingEngine(), pool::add, NEVER_MILLIS);
    StatsEngine engine = batch.engine();

    for (int i = 0; i < 100; i++) {
      row(engine, "r" + i);
    }
    assertEquals(1, pool.size(), "one pool task (one wake-up) for all 100 rows");
    runPool();
    assertEquals(100, seen.size());

    row(engine, "later");
    assertEquals(1, pool.size(), "a row after a hand-over gets a hand-over of its own");
    runPool();
    assertEquals("row later", seen.get(100));
  }

  @Test
  void aUserPassesTheGateOnlyOnceTheRowsQueuedBeforeItWereHandedOver() {
    BatchedRows.Batch batch = new BatchedRows.Batch(recordingEngine(), pool::add, NEVER_MILLIS);
    Action gate = batch.gate(recordingAction("next"));

    row(batch.engine(), "stream");
    gate.$bang(user(7));

    assertEquals(List.of(), seen, "the user waits at the gate");
    runPool();
    assertEquals(List.of("row stream", "next user 7"), seen);
  }

  @Test
  void stopHandsTheQueueOverBeforeGatlingStopsItsWriters() {
    BatchedRows.Batch batch = new BatchedRows.Batch(recordingEngine(), pool::add, NEVER_MILLIS);
    StatsEngine engine = batch.engine();

    row(engine, "stream");
    engine.stop(null, null);

    assertEquals(List.of("row stream", "stop null"), seen);
  }

  @Test
  void aRowGatlingRefusesIsLoggedAndTheRowsAfterItStillArrive() {
    StatsEngine refusing =
        Fakes.of(
            StatsEngine.class,
            (proxy, method, args) -> {
              if ("bad".equals(args[2])) {
                throw new IllegalStateException("refused");
              }
              seen.add("row " + args[2]);
              return null;
            });
    BatchedRows.Batch batch = new BatchedRows.Batch(refusing, pool::add, NEVER_MILLIS);

    row(batch.engine(), "bad");
    row(batch.engine(), "good");
    runPool();

    assertEquals(List.of("row good"), seen);
  }

  @Test
  void onAnEventLoopTheHandOverWaitsForTheDelayInsteadOfWakingThePoolAtOnce() throws Exception {
    DefaultEventLoop loop = new DefaultEventLoop();
    try {
      BatchedRows.Batch late = new BatchedRows.Batch(recordingEngine(), pool::add, NEVER_MILLIS);
      loop.submit(() -> row(late.engine(), "stream")).get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertEquals(0, pool.size(), "not handed to the pool while the delay runs");

      CountDownLatch handedOver = new CountDownLatch(1);
      BatchedRows.Batch prompt =
          new BatchedRows.Batch(
              recordingEngine(),
              task -> {
                task.run();
                handedOver.countDown();
              },
              0);
      loop.submit(() -> row(prompt.engine(), "stream")).get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertTrue(handedOver.await(WAIT_SECONDS, TimeUnit.SECONDS), "handed over after the delay");
      assertEquals(List.of("row stream"), seen);
    } finally {
      loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
  }

  @Test
  void theBuiltChainReportsThroughTheBatchAndItsUsersLeaveThroughTheGate() throws Exception {
    ActorSystem system = new ActorSystem();
    try {
      CountDownLatch left = new CountDownLatch(2);
      Action next = leaving("next", left);
      Action exit = leaving("exit", left);
      CoreComponents core =
          new CoreComponents(
              system,
              null,
              null,
              Option.empty(),
              recordingEngine(),
              new DefaultClock(),
              exit,
              null);
      Action chain =
          new BatchedRows(
                  exec(new ReportRows((s, sink) -> sink.row("ttft", 1, 2, true, null)))
                      .exitHereIf(s -> s.userId() == 2))
              .asScala()
              .build(new ScenarioContext(core, null, null, false), next);

      // Gatling's pool held busy: no hand-over can run until it is released.
      int threads = Runtime.getRuntime().availableProcessors();
      CountDownLatch busy = new CountDownLatch(threads);
      CountDownLatch release = new CountDownLatch(1);
      for (int i = 0; i < threads; i++) {
        system
            .executionContext()
            .execute(
                () -> {
                  busy.countDown();
                  try {
                    release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
      }
      assertTrue(busy.await(WAIT_SECONDS, TimeUnit.SECONDS), "the pool's threads are held");

      chain.$bang(user(1));
      chain.$bang(user(2));
      assertEquals(
          List.of(), seen, "rows queued, both users at their gates (the exitHere one too)");

      release.countDown();
      assertTrue(left.await(WAIT_SECONDS, TimeUnit.SECONDS), "both users left the chain");
      assertEquals(
          List.of("exit user 2", "next user 1", "row ttft", "row ttft"),
          seen.stream().sorted().toList(),
          "each user's row, the first user to the next action, the second to the exit");
      assertEquals(
          List.of("row ttft", "next user 1", "row ttft", "exit user 2"),
          seen,
          "handed over in the order queued: each user leaves after its row");
    } finally {
      system.close();
    }
  }
}
