package dev.streamload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamload.simulations.ChatStreamSimulation;
import dev.streamload.testing.GatlingRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mixed-fault run against the embedded mock, whose injection counters are the ground truth: every
 * class the run reports must equal what the mock injected, and every stream must be either
 * completed or failed exactly once.
 */
class FaultAccountingTest {

  /** Which reported failure class each injected mock fault must produce. */
  static final Map<String, List<String>> CLASS_OF_FAULTS = new LinkedHashMap<>();

  static {
    CLASS_OF_FAULTS.put("http_401", List.of("http_401"));
    CLASS_OF_FAULTS.put("http_403", List.of("http_403"));
    CLASS_OF_FAULTS.put("http_429", List.of("http_429"));
    CLASS_OF_FAULTS.put("http_4xx", List.of("http_400"));
    CLASS_OF_FAULTS.put("http_5xx", List.of("http_500", "http_503"));
    CLASS_OF_FAULTS.put("wrong_content_type", List.of("wrong_content_type"));
    CLASS_OF_FAULTS.put("first_fragment_timeout", List.of("first_fragment_timeout"));
    CLASS_OF_FAULTS.put("stalled", List.of("stall"));
    CLASS_OF_FAULTS.put("interrupted", List.of("interrupt", "connection_reset"));
    CLASS_OF_FAULTS.put("no_end_marker", List.of("no_done"));
    CLASS_OF_FAULTS.put("empty_answer", List.of("empty_answer"));
    CLASS_OF_FAULTS.put("error_event", List.of("error_event"));
    CLASS_OF_FAULTS.put("malformed_event", List.of("malformed_event"));
  }

  static final String MIX =
      "http_401=0.04,http_403=0.04,http_429=0.05,http_400=0.04,http_500=0.04,http_503=0.03,"
          + "wrong_content_type=0.05,first_fragment_timeout=0.05,stall=0.05,interrupt=0.06,"
          + "connection_reset=0.04,no_done=0.05,empty_answer=0.05,error_event=0.05,"
          + "malformed_event=0.05";

  @TempDir Path dir;

  @Test
  void everyInjectedFaultIsReportedOnceUnderItsClassAndTheAccountsAddUp() {
    Map<String, String> settings = new HashMap<>();
    settings.put("profile", "smoke");
    settings.put("smoke.users", "100");
    settings.put("chat.turns", "3");
    settings.put("timeout.firstFragment", "2s");
    settings.put("timeout.idle", "2s");
    settings.put("timeout.stream", "10s");
    settings.put("mock.ttftMs", "50");
    settings.put("mock.fragments", "8");
    settings.put("mock.gapMs", "10");
    settings.put("mock.faults", MIX);

    GatlingRun.Result run = GatlingRun.run(ChatStreamSimulation.class, settings, dir);

    JsonNode injected = run.mock().path("faultsInjected");
    long injectedTotal = 0;
    for (Map.Entry<String, List<String>> e : CLASS_OF_FAULTS.entrySet()) {
      long expected = 0;
      for (String fault : e.getValue()) {
        expected += injected.path(fault).asLong();
      }
      injectedTotal += expected;
      assertEquals(
          expected, run.failures(e.getKey()), "class " + e.getKey() + ": " + run.summary());
    }
    assertTrue(injectedTotal > 30, "the mix injected too few faults to mean anything: " + injected);

    long started = run.streams("started");
    long completed = run.streams("completed");
    long failed = run.streams("failed");
    long sumOfClasses = 0;
    for (JsonNode count : run.summary().path("totals").path("failures")) {
      sumOfClasses += count.asLong();
    }
    assertEquals(300, started, "100 users x 3 turns");
    assertEquals(started, completed + sumOfClasses, "started = completed + sum of failure classes");
    // `failed` is the sum of the classes in summary.json; check it against counts made elsewhere:
    // what the mock injected, and the failed lines of streams.jsonl.
    assertEquals(injectedTotal, failed, "no failure the mock did not inject, none missing");
    long koLines =
        run.streams().stream().filter(l -> l.path("outcome").asText().equals("ko")).count();
    assertEquals(failed, koLines, "one failed trace line per failed stream");
    assertEquals(started, run.streams().size(), "one trace line per stream");

    // The server's view: exactly one request per stream, none replayed, and the clean answers it
    // completed are the ones reported as completed.
    assertEquals(started, run.mock().path("requests").path("stream_default").asLong());
    assertEquals(0, run.mockCounter("duplicateRequestIds"), "a request was re-sent on its own");
    long cleanCompletions =
        run.mockCounter("streamsCompleted")
            - injected.path("malformed_event").asLong()
            - injected.path("empty_answer").asLong();
    assertEquals(cleanCompletions, completed);
    assertEquals(0, run.mockCounter("openConnections"), "connections left open after the run");

    // A rejected stream says what the server said: its status and the start of its error body.
    long rejected = 0;
    for (JsonNode line : run.streams()) {
      String failure = line.path("failure").asText();
      if (failure.startsWith("http_")) {
        rejected++;
        String detail = line.path("detail").asText();
        assertTrue(
            detail.matches(
                "status " + line.path("status").asInt() + ": \\{.*\"mock http_\\d{3}\".*"),
            "detail of " + line);
      }
    }
    assertTrue(rejected > 0, "the mix rejected no stream");
  }
}
