package dev.streamload.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.streamload.stream.StreamResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Renders one {@link StreamResult} as one {@code streams.jsonl} object. Only measured values and
 * ids are written: never header values, request bodies or answers; a failure detail may quote the
 * start of an error response's body (bounded, secrets masked).
 */
final class TraceLines {

  private final RunOrigin origin;
  private final ClockAnchor anchor;

  /**
   * @param origin the run start; {@code t_*} fields are relative to it
   * @param anchor converts the send time to epoch milliseconds
   */
  TraceLines(RunOrigin origin, ClockAnchor anchor) {
    this.origin = origin;
    this.anchor = anchor;
  }

  void write(JsonGenerator g, StreamResult r) throws IOException {
    long runStartNanos = origin.nanos();
    g.writeStartObject();
    g.writeStringField("request_id", r.requestId());
    g.writeStringField("user", r.userId());
    g.writeNumberField("step", r.step());
    g.writeStringField("outcome", r.ok() ? "ok" : "ko");
    if (r.failure().isPresent()) {
      g.writeStringField("failure", r.failure().get().wireName());
    } else {
      g.writeNullField("failure");
    }
    g.writeStringField("termination", r.termination().wireName());
    g.writeStringField("finish_reason", r.finishReason());
    if (r.status() > 0) {
      g.writeNumberField("status", r.status());
    } else {
      g.writeNullField("status");
    }
    relative(g, "t_sched", r.scheduledNanos(), runStartNanos);
    relative(g, "t_send", r.sendNanos(), runStartNanos);
    relative(g, "t_headers", r.headersNanos(), runStartNanos);
    relative(g, "t_first", r.firstTextNanos(), runStartNanos);
    relative(g, "t_last", r.lastTextNanos(), runStartNanos);
    relative(g, "t_end", r.endNanos(), runStartNanos);
    relative(g, "t_finish", r.finishNanos(), runStartNanos);
    if (r.sendNanos() != StreamResult.ABSENT) {
      g.writeNumberField(
          "send_epoch_ms",
          BigDecimal.valueOf(anchor.toEpochMillis(r.sendNanos()))
              .setScale(3, RoundingMode.HALF_UP));
    } else {
      g.writeNullField("send_epoch_ms");
    }
    JsonNumbers.millis(g, "time_to_headers_ms", r.timeToHeadersNanos());
    JsonNumbers.millis(g, "ttft_ms", r.ttftNanos());
    JsonNumbers.millis(g, "e2e_ms", r.e2eNanos());
    JsonNumbers.millis(g, "tpot_ms", r.tpotNanos());
    JsonNumbers.millis(g, "max_gap_ms", r.maxGapNanos());
    JsonNumbers.decimal(g, "output_tokens_per_s", nullIfAbsent(r.outputTokensPerSecond()));
    g.writeNumberField("fragments", r.fragments());
    g.writeNumberField("events", r.events());
    g.writeNumberField("text_chars", r.textChars());
    if (r.promptChars() >= 0) {
      g.writeNumberField("prompt_chars", r.promptChars());
    } else {
      g.writeNullField("prompt_chars");
    }
    g.writeNumberField("output_tokens", r.outputTokens());
    g.writeStringField("token_source", r.tokenSource().wireName());
    g.writeStringField("detail", r.detail());
    if (r.hasEventTimes()) {
      g.writeArrayFieldStart("event_times_ms");
      for (long t : r.eventNanos()) {
        JsonNumbers.writeMillis(g, t - runStartNanos);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static double nullIfAbsent(double rate) {
    return rate < 0 ? Double.NaN : rate;
  }

  private static void relative(JsonGenerator g, String field, long nanos, long runStartNanos)
      throws IOException {
    if (nanos == StreamResult.ABSENT) {
      g.writeNullField(field);
    } else {
      g.writeFieldName(field);
      JsonNumbers.writeMillis(g, nanos - runStartNanos);
    }
  }
}
