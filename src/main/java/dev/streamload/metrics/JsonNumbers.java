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
      g.writeNumberField(field, millis(nanos));
    }
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
