package dev.streamload.gatling;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamload.config.GapRows;
import dev.streamload.metrics.ClockAnchor;
import dev.streamload.stream.EventParser;
import dev.streamload.stream.StreamDialect;
import dev.streamload.stream.StreamLimits;
import dev.streamload.stream.StreamResult;
import io.gatling.http.action.sse.fsm.ServerSentEvent;
import io.gatling.http.action.sse.fsm.SseStreamDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the per-event path on made-up events before the load starts, so that the first streams of a
 * run are timed by compiled code, not by the interpreter and the class loader: Gatling's SSE
 * decoder and its event JSON, the event parser of the run's dialect, the stream recorder and
 * classifier, the report rows and the histograms. Nothing is sent anywhere; the made-up streams are
 * recorded nowhere. Bounded by {@link #BUDGET_NANOS}.
 */
public final class WarmUp {

  /** Made-up streams. */
  static final int STREAMS = 400;

  /** Text events per made-up stream. */
  static final int EVENTS = 50;

  /** Longest the warm-up runs, compilation wait included. */
  static final long BUDGET_NANOS = 3_000_000_000L;

  private static final ObjectMapper JSON = new ObjectMapper();

  private WarmUp() {}

  /**
   * Warms the event path for {@code dialect}; {@code record} receives each made-up result (a
   * throwaway metrics registry, so histogram recording is warm too).
   *
   * @return how many made-up events went through
   */
  public static long run(
      StreamDialect runDialect, StreamLimits limits, Consumer<StreamResult> record) {
    // The made-up streams end with a data marker whatever the run's end rule: the warm-up needs
    // the event path hot, not the run's exact end.
    StreamDialect dialect =
        runDialect.endMarker() != null
            ? runDialect
            : runDialect.withEndMarker(StreamDialect.DEFAULT_END_MARKER);
    long start = System.nanoTime();
    long deadline = start + BUDGET_NANOS;
    String text = "{\"data\":" + textEvent(dialect) + "}";
    String end = "{\"data\":" + dialect.endMarker() + "}";
    byte[] wire = wire(textEvent(dialect), dialect.endMarker());
    EventParser parser = new EventParser(dialect);
    ClockAnchor anchor = ClockAnchor.now();
    ReportRows.Sink noRows = (name, s, e, ok, message) -> {};
    long events = 0;
    long clock = 0;
    for (int i = 0; i < STREAMS && System.nanoTime() < deadline; i++) {
      SseStreamDecoder decoder = new SseStreamDecoder();
      ByteBuf buf = Unpooled.wrappedBuffer(wire);
      scala.collection.Iterator<ServerSentEvent> decoded = decoder.decodeStream(buf).iterator();
      while (decoded.hasNext()) {
        events += decoded.next().asJsonString().length() > 0 ? 1 : 0;
      }
      buf.release();
      long[] now = {clock};
      LiveStream live =
          new LiveStream("warm-up", "0", 0, clock, limits, parser, false, () -> now[0]);
      live.onSend(clock);
      live.onHeaders(clock + 1, 200, "text/event-stream");
      for (int e = 0; e < EVENTS; e++) {
        now[0] += 20_000_000;
        live.onChunk(now[0]);
        live.onEvent(live.receiveNanos(), text, e == 0);
      }
      now[0] += 20_000_000;
      live.onEvent(now[0], end, false);
      StreamResult result =
          live.finish(now[0], StreamEnd.of(true, null, false, live.markerSeen(), live.textSeen()));
      StreamRows.write(result, anchor, GapRows.ALL, noRows);
      record.accept(result);
      clock = now[0];
    }
    awaitCompilation(deadline);
    return events;
  }

  /** Waits (bounded) until the JIT compiler has been quiet for 100 ms. */
  private static void awaitCompilation(long deadline) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return;
    }
    long last = jit.getTotalCompilationTime();
    while (System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      long now = jit.getTotalCompilationTime();
      if (now == last) {
        return;
      }
      last = now;
    }
  }

  /** The SSE bytes of one made-up stream: the text event 50 times, then the end marker. */
  private static byte[] wire(String textData, String endMarker) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < EVENTS; i++) {
      b.append("data: ").append(textData).append("\n\n");
    }
    b.append("data: ").append(endMarker).append("\n\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A data object with a short text at the dialect's first text path. */
  public static String textEvent(StreamDialect dialect) {
    List<JsonPointer> paths = dialect.textPointers();
    if (paths.isEmpty()) {
      return "{\"text\":\"warm \"}";
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    JsonNode node = root;
    JsonPointer p = paths.get(0);
    while (!p.tail().matches()) {
      JsonPointer next = p.tail();
      boolean nextIsIndex = next.mayMatchElement();
      node = child(node, p, nextIsIndex);
      p = next;
    }
    if (node instanceof ObjectNode) {
      ((ObjectNode) node).put(p.getMatchingProperty(), "warm ");
    } else if (node instanceof ArrayNode) {
      ((ArrayNode) node).add("warm ");
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "{\"text\":\"warm \"}";
    }
  }

  private static JsonNode child(JsonNode node, JsonPointer segment, boolean array) {
    if (node instanceof ArrayNode) {
      ArrayNode a = (ArrayNode) node;
      return array ? a.addArray() : a.addObject();
    }
    ObjectNode o = (ObjectNode) node;
    String name = segment.getMatchingProperty();
    return array ? o.putArray(name) : o.putObject(name);
  }
}
