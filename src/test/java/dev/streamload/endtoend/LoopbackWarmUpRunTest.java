package dev.streamload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streamload.simulations.ChatStreamSimulation;
import dev.streamload.testing.GatlingRun;
import dev.streamload.testing.LogCapture;
import dev.streamload.warmup.LoopbackWarmUp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with the loopback warm-up on: the warm-up's streams reach neither the target (the embedded
 * mock here) nor the run's results nor Gatling's request statistics; only its users show, under
 * their own scenario.
 */
class LoopbackWarmUpRunTest {

  @TempDir Path dir;

  LogCapture logs;

  @BeforeEach
  void captureLogs() throws Exception {
    String warmUp = LoopbackWarmUp.class.getName();
    logs = LogCapture.start(warmUp, warmUp, ch.qos.logback.classic.Level.INFO);
  }

  @AfterEach
  void stopCapture() {
    logs.close();
  }

  /** The warm-up's closing line: how many identity requests its server answered. */
  private long identityRequests() {
    Pattern line = Pattern.compile("and (\\d+) identity requests in");
    for (ILoggingEvent e : logs.events()) {
      Matcher m = line.matcher(e.getFormattedMessage());
      if (m.find()) {
        return Long.parseLong(m.group(1));
      }
    }
    throw new AssertionError("no warm-up closing line among " + logs.events());
  }

  @Test
  void theWarmUpRunsBeforeTheLoadAndLeavesNoStreamInTheResultsOrAtTheTarget() throws Exception {
    GatlingRun.Result run =
        GatlingRun.run(
            ChatStreamSimulation.class,
            Map.of(
                "profile", "smoke",
                "smoke.users", "3",
                "chat.turns", "2",
                "warmUp.loopback", "2s"),
            dir,
            true);
    assertEquals(0, run.exitCode());
    assertEquals(6, run.streams().size(), "the load's 3 users × 2 turns, nothing else");
    for (JsonNode s : run.streams()) {
      assertFalse(s.path("request_id").asText().startsWith("warm-up"), s.toString());
      assertEquals("ok", s.path("outcome").asText(), s.toString());
    }
    assertEquals(6, run.streams("started"));
    assertEquals(6, run.mockCounter("streamsStarted"), "the target saw the load's streams only");
    assertEquals(3, run.mock().path("requests").path("login").asLong(), "and its logins only");
    String report = report();
    assertTrue(report.contains(LoopbackWarmUp.SCENARIO), "the warm-up's users show as such");
    // The report's request statistics count the load's 6 streams; the warm-up ran many more.
    assertEquals(6, requests(report, "stream"));
    assertEquals(6, requests(report, "stream connect"));
    assertEquals(6, requests(report, "stream close"));
    // The warm-up ran the identity chain too (its own server answered it, no step failed), and
    // silently.
    assertTrue(identityRequests() > 0, "the warm-up's server answered logins and conversations");
    // The console says at the start what the wait before the load is.
    assertLogged(
        line ->
            line.equals(
                "warm-up: up to 2.0 s of streams against 127.0.0.1 before the load, until the JIT"
                    + " compiler has caught up (warmUp.loopback; 0s skips it)"));
    // How many turns waited for the JIT compiler depends on this JVM's compile queue: the line
    // says it (CompilerPaceTest tests the pace itself).
    Pattern held = Pattern.compile("; \\d+ turns held while the JIT compiler caught up$");
    assertLogged(line -> held.matcher(line).find());
    assertTrue(
        logs.events().stream()
            .noneMatch(e -> e.getFormattedMessage().contains("identity steps failed")),
        logs.events().toString());
    assertEquals(3, requests(report, "login"));
    assertEquals(3, requests(report, "create conversation"));
    // The compiler threads' priority is read from the run's settings (GatlingRun: normal, so that
    // the test JVM keeps its JIT; CompilerThreadsTest tests the move itself).
    assertLogged(
        line ->
            line.equals(
                "warm-up: JIT compiler threads left at their priority"
                    + " (warmUp.compilerPriority=normal)"));
  }

  /** Fails unless a captured line is {@code wanted}. */
  private void assertLogged(java.util.function.Predicate<String> wanted) {
    assertTrue(
        logs.events().stream().map(ILoggingEvent::getFormattedMessage).anyMatch(wanted),
        logs.events().toString());
  }

  /** The total of a request row of the report's statistics table. */
  private static long requests(String html, String row) {
    Matcher m =
        Pattern.compile(
                "class=\"ellipsed-name\">"
                    + Pattern.quote(row)
                    + "</span>.*?<td class=\"value total col-2\">(\\d+)</td>",
                Pattern.DOTALL)
            .matcher(html);
    assertTrue(m.find(), "no row " + row + " in the report");
    return Long.parseLong(m.group(1));
  }

  private String report() throws Exception {
    try (Stream<Path> files = Files.walk(dir.resolve("gatling"))) {
      Path index = files.filter(p -> p.endsWith("index.html")).findFirst().orElseThrow();
      return Files.readString(index);
    }
  }
}
