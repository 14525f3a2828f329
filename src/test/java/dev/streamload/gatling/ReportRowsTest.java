package dev.streamload.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.CoreComponents;
import io.gatling.core.action.Action;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scala.Option;

/**
 * The action {@link ReportRows} builds, run against Gatling 3.16.0's real action classes with a
 * recording {@link StatsEngine}: every row the callback writes must reach Gatling's internal {@code
 * logResponse} with its name, times, OK/KO status and KO message, and the user must go on to the
 * next action. Fails if an upgrade changes that internal.
 */
class ReportRowsTest {

  /** One call of {@code StatsEngine.logResponse}. */
  record Logged(
      String scenario, String name, long start, long end, Object status, Object message) {}

  EmbeddedChannel channel;
  List<Logged> logged;
  List<io.gatling.core.session.Session> next;

  @BeforeEach
  void start() {
    channel = new EmbeddedChannel();
    logged = new ArrayList<>();
    next = new ArrayList<>();
  }

  @AfterEach
  void stop() {
    channel.finishAndReleaseAll();
  }

  private StatsEngine recordingStats() {
    return Fakes.of(
        StatsEngine.class,
        (proxy, method, args) -> {
          if (method.getName().equals("logResponse")) {
            logged.add(
                new Logged(
                    (String) args[0],
                    (String) args[2],
                    (long) args[3],
                    (long) args[4],
                    args[5],
                    ((Option<?>) args[7]).isDefined() ? ((Option<?>) args[7]).get() : null));
          }
          return null;
        });
  }

  private Action nextAction() {
    return Fakes.of(
        Action.class,
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "$bang", "execute" -> next.add((io.gatling.core.session.Session) args[0]);
            case "name" -> {
              return "next";
            }
            default -> {}
          }
          return null;
        });
  }

  /** Builds the action around {@code writer} and runs it once for a fresh user. */
  private io.gatling.core.session.Session run(ReportRows rows) {
    StatsEngine stats = recordingStats();
    CoreComponents core =
        new CoreComponents(null, null, null, Option.empty(), stats, null, null, null);
    Action action =
        rows.asScala().build(new ScenarioContext(core, null, null, false), nextAction());
    io.gatling.core.session.Session session =
        io.gatling.core.session.Session$.MODULE$.apply("chat", 1L, channel.eventLoop());
    action.$bang(session);
    return session;
  }

  @Test
  void anOkRowReachesGatlingAsOkWithItsNameAndTimes() {
    run(new ReportRows((session, sink) -> sink.row("ttft", 1_000, 1_250, true, null)));

    assertEquals(List.of(new Logged("chat", "ttft", 1_000, 1_250, OK$.MODULE$, null)), logged);
  }

  @Test
  void aKoRowReachesGatlingAsKoWithItsMessageForTheErrorsTable() {
    run(
        new ReportRows(
            (session, sink) -> sink.row("stream", 2_000, 2_040, false, "interrupted: cut")));

    assertEquals(
        List.of(new Logged("chat", "stream", 2_000, 2_040, KO$.MODULE$, "interrupted: cut")),
        logged);
  }

  @Test
  void everyRowOfOneCallIsLoggedInOrderAndTheUserGoesOnWithItsSession() {
    io.gatling.core.session.Session session =
        run(
            new ReportRows(
                (s, sink) -> {
                  sink.row("stream", 10, 20, true, null);
                  sink.row("stream", 30, 40, false, "http_429: status 429");
                  sink.row("inter-fragment gap", 12, 13, true, null);
                }));

    assertEquals(
        List.of(OK$.MODULE$, KO$.MODULE$, OK$.MODULE$),
        logged.stream().map(Logged::status).toList());
    assertEquals(
        List.of("stream", "stream", "inter-fragment gap"),
        logged.stream().map(Logged::name).toList());
    assertEquals(1, next.size(), "the next action runs once");
    assertSame(session, next.get(0), "with the user's session");
  }

  @Test
  void theCallbackSeesTheUsersSession() {
    List<Long> users = new ArrayList<>();
    run(new ReportRows((session, sink) -> users.add(session.userId())));

    assertEquals(List.of(1L), users);
    assertEquals(List.of(), logged, "no row unless the callback writes one");
  }
}
