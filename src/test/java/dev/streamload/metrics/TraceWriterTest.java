package dev.streamload.metrics;

import static dev.streamload.metrics.Results.MS;
import static dev.streamload.metrics.Results.RUN_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.stream.EventParser;
import dev.streamload.stream.FailureClass;
import dev.streamload.stream.StreamDialect;
import dev.streamload.stream.StreamLimits;
import dev.streamload.stream.StreamRecorder;
import dev.streamload.stream.StreamResult;
import dev.streamload.stream.Termination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWriterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ClockAnchor ANCHOR = new ClockAnchor(1_700_000_000_000L, RUN_START);
  private static final StreamLimits LIMITS =
      new StreamLimits(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(60));

  /** Every field a line may have; anything else would be a leak. */
  private static final Set<String> FIELDS =
      Set.of(
          "request_id",
          "user",
          "step",
          "outcome",
          "failure",
          "termination",
          "finish_reason",
          "status",
          "t_sched",
          "t_send",
          "t_headers",
          "t_first",
          "t_last",
          "t_end",
          "t_finish",
          "send_epoch_ms",
          "time_to_headers_ms",
          "ttft_ms",
          "e2e_ms",
          "tpot_ms",
          "max_gap_ms",
          "output_tokens_per_s",
          "fragments",
          "events",
          "text_chars",
          "prompt_chars",
          "output_tokens",
          "token_source",
          "detail",
          "event_times_ms");

  private static StreamResult recordedStream() {
    StreamRecorder r =
        new StreamRecorder(
            "req-42",
            "user-7",
            3,
            RUN_START + 995 * MS,
            RUN_START + 1_000 * MS,
            LIMITS,
            new EventParser(StreamDialect.openAi()),
            true);
    r.onHeaders(RUN_START + 1_050 * MS, 200, "text/event-stream");
    r.onEvent(
        RUN_START + 1_100 * MS, "{\"data\":{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}}");
    r.onEvent(
        RUN_START + 1_200 * MS, "{\"data\":{\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}}");
    r.onEvent(
        RUN_START + 1_250 * MS, "{\"data\":{\"choices\":[{\"delta\":{\"content\":\" you\"}}]}}");
    r.onEvent(
        RUN_START + 1_251 * MS, "{\"data\":{\"choices\":[],\"usage\":{\"completion_tokens\":2}}}");
    r.onEvent(RUN_START + 1_252 * MS, "{\"data\":[DONE]}");
    return r.finish(RUN_START + 1_253 * MS, Termination.END_MARKER_RECEIVED, null);
  }

  private static List<JsonNode> read(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(MAPPER.readTree(line));
    }
    return out;
  }

  @Test
  void writesOneParseableLinePerStreamWithTimesRelativeToRunStart(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("streams.jsonl");
    try (TraceWriter w = new TraceWriter(file, RUN_START, ANCHOR)) {
      assertTrue(w.write(recordedStream()));
      assertTrue(w.write(Results.failed(1, 2_000, 2_010, FailureClass.CONNECT_FAILURE)));
    }
    List<JsonNode> lines = read(file);
    assertEquals(2, lines.size());

    JsonNode ok = lines.get(0);
    assertEquals("req-42", ok.path("request_id").asText());
    assertEquals("user-7", ok.path("user").asText());
    assertEquals(3, ok.path("step").asInt());
    assertEquals("ok", ok.path("outcome").asText());
    assertTrue(ok.path("failure").isNull());
    assertEquals("end_marker_received", ok.path("termination").asText());
    assertEquals(200, ok.path("status").asInt());
    assertTrue(Files.readAllLines(file).get(0).contains("\"t_sched\":995.000,"));
    assertEquals(1_000.0, ok.path("t_send").asDouble());
    assertEquals(1_050.0, ok.path("t_headers").asDouble());
    assertEquals(1_200.0, ok.path("t_first").asDouble());
    assertEquals(1_250.0, ok.path("t_last").asDouble());
    assertEquals(1_252.0, ok.path("t_end").asDouble());
    assertEquals(1_700_000_001_000.0, ok.path("send_epoch_ms").asDouble());
    assertEquals(200.0, ok.path("ttft_ms").asDouble());
    assertEquals(252.0, ok.path("e2e_ms").asDouble());
    assertEquals(50.0, ok.path("tpot_ms").asDouble());
    assertEquals(2, ok.path("fragments").asInt());
    assertEquals(5, ok.path("events").asInt());
    assertEquals(2, ok.path("output_tokens").asInt());
    assertEquals("usage", ok.path("token_source").asText());
    assertEquals(5, ok.path("event_times_ms").size());
    assertEquals(1_100.0, ok.path("event_times_ms").get(0).asDouble());

    JsonNode ko = lines.get(1);
    assertEquals("ko", ko.path("outcome").asText());
    assertEquals("connect_failure", ko.path("failure").asText());
    assertTrue(ko.path("status").isNull());
    assertTrue(ko.path("t_first").isNull());
    assertFalse(ko.has("event_times_ms"));
  }

  @Test
  void writesNoHeaderValuesBodiesOrSecrets(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("streams.jsonl");
    StreamRecorder r =
        new StreamRecorder(
            "req-1",
            "u",
            0,
            -1,
            RUN_START,
            LIMITS,
            new EventParser(StreamDialect.projectDefault()),
            false);
    r.onEvent(RUN_START + MS, "{\"data\":{\"delta\":\"the secret answer body\"}}");
    StreamResult cut =
        r.finish(
            RUN_START + 2 * MS,
            Termination.CONNECTION_CUT,
            "closed; Authorization: Bearer sk-live-0123456789abcdef"
                + " url=https://h/v1?api_key=XYZ987");
    try (TraceWriter w = new TraceWriter(file, RUN_START, ANCHOR)) {
      w.write(cut);
      w.write(recordedStream());
    }
    String text = Files.readString(file);
    for (String secret : List.of("sk-live", "0123456789abcdef", "XYZ987", "secret answer")) {
      assertFalse(text.contains(secret), secret);
    }
    for (JsonNode line : read(file)) {
      Set<String> names = new TreeSet<>();
      for (Iterator<String> it = line.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      assertTrue(FIELDS.containsAll(names), "unexpected fields " + names);
    }
    assertEquals("interrupted", read(file).get(0).path("failure").asText());
  }

  @Test
  void keepsEveryLineFromConcurrentWriters(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("streams.jsonl");
    int threads = 4;
    int perThread = 5_000;
    TraceWriter w = new TraceWriter(file, RUN_START, ANCHOR, 1_000_000);
    Thread[] ts = new Thread[threads];
    StreamResult line = Results.ok(0, 10, 20, new long[] {1, 2}, 3);
    for (int t = 0; t < threads; t++) {
      ts[t] =
          new Thread(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  w.write(line);
                }
              });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    w.close();
    assertEquals(threads * perThread, Files.readAllLines(file).size());
    assertEquals(threads * perThread, w.written());
    assertEquals(0, w.dropped());
  }

  @Test
  void dropsAndCountsLinesWrittenAfterClose(@TempDir Path dir) throws Exception {
    TraceWriter w = new TraceWriter(dir.resolve("s.jsonl"), RUN_START, ANCHOR);
    w.close();
    assertFalse(w.write(recordedStream()));
    assertEquals(1, w.dropped());
    w.close();
  }
}
