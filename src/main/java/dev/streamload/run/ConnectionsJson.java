package dev.streamload.run;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.streamload.metrics.ConnectionSample;
import dev.streamload.metrics.JsonNumbers;
import java.io.IOException;
import java.util.List;

/** Writes the connection samples as the {@code connections_over_time} member of summary.json. */
final class ConnectionsJson {

  private ConnectionsJson() {}

  static void write(JsonGenerator g, List<ConnectionSample> samples) throws IOException {
    g.writeObjectFieldStart("connections_over_time");
    JsonNumbers.decimal(g, "period_s", ConnectionSampler.PERIOD_MILLIS / 1000.0);
    g.writeArrayFieldStart("samples");
    for (ConnectionSample s : samples) {
      g.writeStartObject();
      JsonNumbers.decimal(g, "t_s", s.tSeconds());
      number(g, "open", s.open());
      number(g, "opened", s.opened());
      g.writeNumberField("streams_in_flight", s.streamsInFlight());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String field, long value) throws IOException {
    if (value < 0) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, value);
    }
  }
}
