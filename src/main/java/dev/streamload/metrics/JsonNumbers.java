package dev.streamload.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Writes the number formats shared by {@code summary.json} and {@code streams.jsonl}. */
public final class JsonNumbers {

  private JsonNumbers() {}

  /** Nanoseconds as milliseconds with 3 fraction digits; a negative value is written as null. */
  public static void millis(JsonGenerator g, String field, long nanos) throws IOException {
    if (nanos < 0) {
      g.writeNullField(field);
    } else {
      g.writeFieldName(field);
      writeMillis(g, nanos);
    }
  }

  /**
   * Writes nanoseconds as milliseconds with 3 fraction digits (sign kept), exactly as {@link
   * #millis(long)} renders them, without building a {@code BigDecimal}: a trace line with event
   * times holds one such number per event, and the {@code BigDecimal} route made formatting them
   * most of the trace writer's CPU (docs/benchmark.md).
   */
  public static void writeMillis(JsonGenerator g, long nanos) throws IOException {
    if (nanos > Long.MAX_VALUE - 500 || nanos < Long.MIN_VALUE + 501) {
      g.writeNumber(millis(nanos));
      return;
    }
    // Rounded half away from zero to whole microseconds, as RoundingMode.HALF_UP does.
    long micros = nanos >= 0 ? (nanos + 500) / 1000 : -((500 - nanos) / 1000);
    char[] out = new char[24];
    int at = out.length;
    long abs = Math.abs(micros);
    for (int i = 0; i < 3; i++) {
      out[--at] = (char) ('0' + abs % 10);
      abs /= 10;
    }
    out[--at] = '.';
    do {
      out[--at] = (char) ('0' + abs % 10);
      abs /= 10;
    } while (abs > 0);
    if (micros < 0) {
      out[--at] = '-';
    }
    g.writeNumber(out, at, out.length - at);
  }

  /** Nanoseconds as milliseconds with 3 fraction digits (sign kept). */
  public static BigDecimal millis(long nanos) {
    return BigDecimal.valueOf(nanos, 6).setScale(3, RoundingMode.HALF_UP);
  }

  /** A decimal with 3 fraction digits; NaN and infinities are written as null. */
  public static void decimal(JsonGenerator g, String field, double value) throws IOException {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP));
    }
  }
}
