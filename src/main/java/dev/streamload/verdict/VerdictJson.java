package dev.streamload.verdict;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.streamload.metrics.JsonNumbers;
import dev.streamload.metrics.StepSummary;
import dev.streamload.stream.FailureClass;
import java.io.IOException;

/** Writes a {@link Verdict} as the {@code verdict} member of {@code summary.json}. */
public final class VerdictJson {

  private VerdictJson() {}

  /** Writes {@code "verdict": {...}} into the object {@code g} is writing. */
  public static void write(JsonGenerator g, Verdict verdict) throws IOException {
    g.writeObjectFieldStart("verdict");
    g.writeArrayFieldStart("slos");
    for (Slo slo : verdict.slos()) {
      g.writeStartObject();
      g.writeStringField("property", slo.property());
      g.writeStringField("figure", slo.figure().label());
      limit(g, "limit", slo, slo.limit());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("steps");
    for (StepVerdict v : verdict.steps()) {
      step(g, verdict, v);
    }
    g.writeEndArray();
    if (verdict.capacity().isPresent()) {
      Verdict.Capacity c = verdict.capacity().get();
      g.writeObjectFieldStart("capacity");
      if (c.lastGood().isPresent()) {
        g.writeNumberField("step", c.lastGood().get().step().index());
        g.writeStringField("name", c.lastGood().get().step().name());
        JsonNumbers.decimal(
            g, "offered_rate_per_s", c.lastGood().get().step().offeredRatePerSecond());
        JsonNumbers.decimal(
            g, "achieved_rate_per_s", c.lastGood().get().step().achievedRatePerSecond());
      } else {
        g.writeNullField("step");
      }
      if (c.firstMiss().isPresent()) {
        g.writeNumberField("first_miss_step", c.firstMiss().get().step().index());
        g.writeArrayFieldStart("first_miss_reasons");
        for (StepVerdict.Check check : c.firstMiss().get().missed()) {
          g.writeString(VerdictText.missed(check));
        }
        g.writeEndArray();
      } else {
        g.writeNullField("first_miss_step");
      }
      if (VerdictText.capacityLine(verdict).isPresent()) {
        g.writeStringField("text", VerdictText.capacityLine(verdict).get());
      }
      g.writeEndObject();
    } else {
      g.writeNullField("capacity");
    }
    g.writeBooleanField("stopped_early", verdict.stoppedEarly());
    g.writeEndObject();
  }

  private static void step(JsonGenerator g, Verdict verdict, StepVerdict v) throws IOException {
    StepSummary s = v.step();
    g.writeStartObject();
    g.writeNumberField("index", s.index());
    g.writeStringField("name", s.name());
    JsonNumbers.decimal(g, "offered_rate_per_s", s.offeredRatePerSecond());
    JsonNumbers.decimal(g, "achieved_rate_per_s", s.achievedRatePerSecond());
    g.writeNumberField("started", s.started());
    JsonNumbers.decimal(g, "completed_percent", v.completedPercent());
    JsonNumbers.millis(g, "ttft_p50_ms", s.ttft().isEmpty() ? -1 : s.ttft().p50());
    JsonNumbers.millis(g, "ttft_p95_ms", s.ttft().isEmpty() ? -1 : s.ttft().p95());
    JsonNumbers.millis(g, "e2e_mean_ms", s.e2e().isEmpty() ? -1 : Math.round(s.e2e().mean()));
    JsonNumbers.millis(g, "e2e_p95_ms", s.e2e().isEmpty() ? -1 : s.e2e().p95());
    JsonNumbers.millis(g, "e2e_max_ms", s.e2e().isEmpty() ? -1 : s.e2e().max());
    g.writeObjectFieldStart("failure_percent");
    long finished = s.completed() + s.failed();
    for (FailureClass c : FailureClass.values()) {
      if (s.failures(c) > 0 && finished > 0) {
        JsonNumbers.decimal(g, c.wireName(), 100.0 * s.failures(c) / finished);
      }
    }
    g.writeEndObject();
    if (verdict.slos().isEmpty() || !v.ran() || verdict.afterStop(v)) {
      g.writeNullField("slos_met");
    } else {
      g.writeBooleanField("slos_met", v.met());
    }
    g.writeArrayFieldStart("slos");
    for (StepVerdict.Check check : v.checks()) {
      g.writeStartObject();
      g.writeStringField("property", check.slo().property());
      limit(g, "actual", check.slo(), check.actual());
      g.writeBooleanField("met", check.met());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** A time in ms (field name gets no unit: the figure says it) or a percent; NaN as null. */
  private static void limit(JsonGenerator g, String field, Slo slo, double value)
      throws IOException {
    if (Double.isNaN(value)) {
      g.writeNullField(field);
    } else if (slo.isTime()) {
      g.writeNumberField(field, JsonNumbers.millis(Math.round(value)));
    } else {
      JsonNumbers.decimal(g, field, value);
    }
  }
}
