package dev.streamload.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamload.metrics.ConnectionSample;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConnectionSamplerTest {

  private static final long S = 1_000_000_000L;

  @Test
  void countsOpenConnectionsAndThoseOpenedSinceThePreviousSample() {
    AtomicReference<Set<String>> open = new AtomicReference<>(Set.of("a", "b"));
    AtomicLong inFlight = new AtomicLong(2);
    AtomicLong now = new AtomicLong(10 * S);
    ConnectionSampler sampler =
        new ConnectionSampler(open::get, inFlight::get, now::get, () -> 9 * S);

    sampler.sample();
    open.set(Set.of("b", "c", "d"));
    inFlight.set(3);
    now.set(11 * S);
    sampler.sample();
    open.set(Set.of());
    inFlight.set(0);
    now.set(12 * S);
    sampler.sample();

    assertEquals(
        List.of(
            new ConnectionSample(1.0, 2, 2, 2),
            new ConnectionSample(2.0, 3, 2, 3),
            new ConnectionSample(3.0, 0, 0, 0)),
        sampler.samples());
    assertEquals(3, sampler.peakOpen());
  }

  @Test
  void anUnknownSocketTableGivesUnknownCountsButStillTheStreamsInFlight() {
    ConnectionSampler sampler = new ConnectionSampler(() -> null, () -> 4, () -> 5 * S, () -> 0);

    sampler.sample();

    assertEquals(List.of(new ConnectionSample(5.0, -1, -1, 4)), sampler.samples());
  }
}
