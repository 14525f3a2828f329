package dev.streamload.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.config.GapRows;
import dev.streamload.metrics.ClockAnchor;
import dev.streamload.stream.EventParser;
import dev.streamload.stream.StreamDialect;
import dev.streamload.stream.StreamLimits;
import dev.streamload.stream.StreamRecorder;
import dev.streamload.stream.StreamResult;
import dev.streamload.stream.Termination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamRowsTest {

  static final long MS = 1_000_000;
  static final ClockAnchor ANCHOR = new ClockAnchor(1_000_000L, 0);

  record Row(String name, long start, long end, boolean ok, String message) {}

  private static List<Row> rows(StreamResult result, GapRows gapRows) {
    List<Row> rows = new ArrayList<>();
    StreamRows.write(
        result, ANCHOR, gapRows, (n, s, e, ok, m) -> rows.add(new Row(n, s, e, ok, m)));
    return rows;
  }

  /** Sent at 10 ms, text at 310, 330, 390 ms, end marker at 400 ms. */
  private static StreamResult threeFragments() {
    StreamRecorder r =
        new StreamRecorder(
            "r1",
            "1",
            0,
            5 * MS,
            10 * MS,
            new StreamLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5)),
            new EventParser(StreamDialect.projectDefault()),
            false);
    r.onEvent(310 * MS, "{\"data\":{\"delta\":\"a\"}}");
    r.onEvent(330 * MS, "{\"data\":{\"delta\":\"b\"}}");
    r.onEvent(390 * MS, "{\"data\":{\"delta\":\"c\"}}");
    r.onEvent(400 * MS, "{\"data\":[DONE]}");
    return r.finish(401 * MS, Termination.END_MARKER_RECEIVED, null);
  }

  @Test
  void aSuccessfulStreamGetsStreamTtftTpotAndOneRowPerGap() {
    List<Row> rows = rows(threeFragments(), GapRows.ALL);
    assertEquals(new Row(StreamRows.STREAM, 1_000_010, 1_000_400, true, null), rows.get(0));
    assertEquals(new Row(StreamRows.TTFT, 1_000_010, 1_000_310, true, null), rows.get(1));
    assertEquals(StreamRows.TPOT, rows.get(2).name());
    assertEquals(40, rows.get(2).end() - rows.get(2).start(), "(390 - 310) / (3 - 1) ms");
    assertEquals(new Row(StreamRows.GAP, 1_000_310, 1_000_330, true, null), rows.get(3));
    assertEquals(new Row(StreamRows.GAP, 1_000_330, 1_000_390, true, null), rows.get(4));
    assertEquals(5, rows.size());
  }

  @Test
  void maxGapRowsKeepOnlyTheLongestGapOfEachStream() {
    List<Row> rows = rows(threeFragments(), GapRows.MAX);
    List<Row> gaps = rows.stream().filter(r -> r.name().equals(StreamRows.GAP)).toList();
    assertEquals(1, gaps.size());
    assertEquals(60, gaps.get(0).end() - gaps.get(0).start());
    assertTrue(
        rows(threeFragments(), GapRows.NONE).stream()
            .noneMatch(r -> r.name().equals(StreamRows.GAP)));
  }

  @Test
  void aFailedStreamGetsOneKoRowNamedAfterItsClassAndNoTimingRows() {
    StreamRecorder r =
        new StreamRecorder(
            "r2",
            "1",
            0,
            0,
            10 * MS,
            new StreamLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5)),
            new EventParser(StreamDialect.projectDefault()),
            false);
    r.onEvent(100 * MS, "{\"data\":{\"delta\":\"a\"}}");
    StreamResult cut = r.finish(150 * MS, Termination.CONNECTION_CUT, "connection closed");
    List<Row> rows = rows(cut, GapRows.ALL);
    assertEquals(1, rows.size());
    assertFalse(rows.get(0).ok());
    assertEquals("interrupted: connection cut before the end marker", rows.get(0).message());
    assertEquals(140, rows.get(0).end() - rows.get(0).start());
  }

  @Test
  void twoFailedStreamsOfOneClassWithDifferentDetailsGetTheSameKoMessage() {
    StreamLimits limits =
        new StreamLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));
    EventParser parser = new EventParser(StreamDialect.projectDefault());
    List<String> messages = new java.util.ArrayList<>();
    for (String id : List.of("run-1-17", "run-2-18")) {
      StreamRecorder r = new StreamRecorder(id, "1", 0, 0, 10 * MS, limits, parser, false);
      StreamResult cut =
          r.finish(
              150 * MS,
              Termination.CONNECTION_CUT,
              "replay blocked: Gatling tried to re-send " + id + " after 1234 bytes");
      messages.add(rows(cut, GapRows.ALL).get(0).message());
    }
    assertEquals(messages.get(0), messages.get(1));
    assertFalse(messages.get(0).contains("run-1-17"), messages.get(0));
  }
}
