package dev.streamload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class JsonNumbersTest {

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private static String written(long nanos, boolean fast) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      if (fast) {
        JsonNumbers.writeMillis(g, nanos);
      } else {
        g.writeNumber(JsonNumbers.millis(nanos));
      }
      g.writeEndArray();
    }
    return out.toString();
  }

  private static void assertSameAsBigDecimal(long nanos) throws IOException {
    assertEquals(written(nanos, false), written(nanos, true), "nanos " + nanos);
  }

  @Test
  void fixedPointMatchesTheBigDecimalRenderingAtTheEdges() throws IOException {
    long[] edges = {
      0,
      1,
      499,
      500,
      501,
      999,
      1_000,
      1_499,
      1_500,
      999_499,
      999_500,
      1_000_000,
      12_345_678,
      -1,
      -499,
      -500,
      -501,
      -1_000,
      -1_499,
      -1_500,
      -999_500,
      -12_345_678,
      Long.MAX_VALUE,
      Long.MAX_VALUE - 499,
      Long.MAX_VALUE - 500,
      Long.MAX_VALUE - 501,
      Long.MIN_VALUE,
      Long.MIN_VALUE + 499,
      Long.MIN_VALUE + 500,
      Long.MIN_VALUE + 501
    };
    for (long nanos : edges) {
      assertSameAsBigDecimal(nanos);
    }
    assertEquals("[1.500]", written(1_499_500, true));
    assertEquals("[-0.001]", written(-500, true));
    assertEquals("[0.000]", written(-499, true));
  }

  @Test
  void fixedPointMatchesTheBigDecimalRenderingOnRandomValues() throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    LongFunction<Long> around = scale -> random.nextLong(-scale, scale);
    for (int i = 0; i < 20_000; i++) {
      long scale = i % 3 == 0 ? 10_000L : i % 3 == 1 ? 100_000_000_000L : Long.MAX_VALUE;
      assertSameAsBigDecimal(around.apply(scale));
    }
  }

  @Test
  void fieldFormKeepsNullForNegativeAndTheNumberOtherwise() throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      JsonNumbers.millis(g, "a", 2_345_600);
      JsonNumbers.millis(g, "b", -1);
      g.writeEndObject();
    }
    assertEquals("{\"a\":2.346,\"b\":null}", out.toString());
  }
}
