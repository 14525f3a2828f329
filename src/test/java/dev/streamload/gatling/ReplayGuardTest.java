package dev.streamload.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.stream.EventParser;
import dev.streamload.stream.StreamDialect;
import dev.streamload.stream.StreamLimits;
import io.gatling.http.client.Request;
import io.gatling.http.client.RequestBuilder;
import io.gatling.http.client.uri.Uri;
import io.gatling.javaapi.core.Session;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

  final EmbeddedChannel channel = new EmbeddedChannel();
  final LiveStream live =
      new LiveStream(
          "run-1-7",
          "1",
          0,
          System.nanoTime(),
          new StreamLimits(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10)),
          new EventParser(StreamDialect.projectDefault()),
          false,
          System::nanoTime);
  final Session session =
      new Session(io.gatling.core.session.Session$.MODULE$.apply("chat", 1L, channel.eventLoop()))
          .set(LiveStream.KEY, live);

  final Request request =
      new RequestBuilder(
              "stream connect",
              HttpMethod.POST,
              Uri.create("http://127.0.0.1:9/api/chat/stream"),
              null)
          .build();

  @AfterEach
  void stop() {
    channel.finishAndReleaseAll();
  }

  @Test
  void theFirstWritePassesTheRequestThroughAndStampsTheSend() {
    AtomicInteger blocked = new AtomicInteger();
    BiFunction<Request, Session, Request> signer =
        ReplayGuard.signer(id -> blocked.incrementAndGet());

    assertSame(request, signer.apply(request, session), "the request goes on unchanged");
    assertEquals(1, live.sends());
    assertEquals(0, blocked.get());
  }

  @Test
  void aSecondWriteOfTheSameRequestIsRefusedCountedAndNamedForStreamEnd() {
    AtomicInteger blocked = new AtomicInteger();
    BiFunction<Request, Session, Request> signer =
        ReplayGuard.signer(id -> blocked.incrementAndGet());
    signer.apply(request, session);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> signer.apply(request, session));
    assertEquals(1, blocked.get());
    assertTrue(e.getMessage().contains(StreamEnd.REPLAY_BLOCKED), e.getMessage());
    assertTrue(e.getMessage().contains("run-1-7"), e.getMessage());
    assertEquals(
        dev.streamload.stream.Termination.CONNECTION_CUT,
        StreamEnd.of(true, e.toString(), true, false, true).termination());
  }
}
