package dev.streamload.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mock's WebSocket chat (dev.streamload.mock.ws) seen from the JDK's own WebSocket client: both
 * shapes frame an answer as documented, faults close the socket as documented, and the mock counts
 * every answer.
 */
class WsChatMockTest {

  static final Duration WAIT = Duration.ofSeconds(10);

  private MockChatServer mock;
  private String token;

  @BeforeEach
  void start() throws Exception {
    mock =
        MockChatServer.start(
            MockSettings.defaults()
                .withPort(0)
                .withTimeToFirstFragment(Duration.ofMillis(5))
                .withGap(Duration.ofMillis(2))
                .withFragments(4));
    token = MockApi.login(mock, "user1", "pass-1");
  }

  @AfterEach
  void stop() {
    mock.close();
  }

  /** What one socket received: text frames, and the close code (-1 while open). */
  static final class Frames implements WebSocket.Listener {
    final List<String> texts = new ArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder part = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      part.append(data);
      if (last) {
        synchronized (texts) {
          texts.add(part.toString());
        }
        part.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
      closed.complete(code);
      return null;
    }

    List<String> texts() {
      synchronized (texts) {
        return List.copyOf(texts);
      }
    }
  }

  private WebSocket open(String path, Frames frames, String... headers) throws Exception {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder
        .buildAsync(URI.create("ws://127.0.0.1:" + mock.port() + path), frames)
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static void awaitFrames(Frames frames, int count) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (frames.texts().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void theJsonShapeSendsDeltasThenDoneAndServesTheNextMessageOnTheSameSocket() throws Exception {
    Frames frames = new Frames();
    WebSocket ws = open("/ws/chat?token=" + token, frames);

    ws.sendText("{\"type\":\"message\",\"requestId\":\"a-1\",\"prompt\":\"hi\"}", true).join();
    awaitFrames(frames, 5);
    ws.sendText("{\"type\":\"message\",\"requestId\":\"a-2\",\"prompt\":\"again\"}", true).join();
    awaitFrames(frames, 10);

    List<String> texts = frames.texts();
    assertEquals(10, texts.size(), texts.toString());
    for (int turn = 0; turn < 2; turn++) {
      for (int i = 0; i < 4; i++) {
        JsonNode delta = MockApi.json(texts.get(turn * 5 + i));
        assertEquals("delta", delta.path("type").asText());
        assertEquals(MockText.fragment(i), delta.path("text").asText());
      }
      JsonNode done = MockApi.json(texts.get(turn * 5 + 4));
      assertEquals("done", done.path("type").asText());
      assertEquals(4, done.path("usage").path("output_tokens").asInt());
      assertEquals("stop", done.path("finish_reason").asText());
    }
    assertEquals(2, mock.counters().streamsCompleted());
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    assertEquals(1000, frames.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS));
  }

  @Test
  void theSparkShapeEndsWithAStatusTwoFrameThenClosesTheSocket() throws Exception {
    Frames frames = new Frames();
    WebSocket ws = open("/ws/spark", frames, "Authorization", "Bearer " + token);

    ws.sendText("{\"header\":{\"uid\":\"s-1\"},\"payload\":{}}", true).join();

    assertEquals(1000, frames.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    List<String> texts = frames.texts();
    assertEquals(4, texts.size(), texts.toString());
    int[] statuses = new int[4];
    StringBuilder answer = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      JsonNode frame = MockApi.json(texts.get(i));
      statuses[i] = frame.path("header").path("status").asInt();
      assertEquals(0, frame.path("header").path("code").asInt());
      answer.append(frame.at("/payload/choices/text/0/content").asText());
    }
    assertEquals(List.of(0, 1, 1, 2), java.util.Arrays.stream(statuses).boxed().toList());
    assertEquals(MockText.answer(4), answer.toString());
    assertEquals(4, MockApi.json(texts.get(3)).at("/payload/usage/text/completion_tokens").asInt());
    assertEquals(1, mock.counters().streamsCompleted());
  }

  @Test
  void closeErrorClosesWithTheCodeOfItsHeaderAfterSomeFragments() throws Exception {
    Frames frames = new Frames();
    WebSocket ws =
        open(
            "/ws/chat?token=" + token,
            frames,
            "X-Mock-Fault",
            "close_error",
            "X-Mock-Close-Code",
            "4429");

    ws.sendText("{\"requestId\":\"c-1\"}", true).join();

    assertEquals(4429, frames.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(2, frames.texts().size(), frames.texts().toString());
    assertEquals(1, mock.counters().faultsInjected(Fault.CLOSE_ERROR));
  }

  @Test
  void aHandshakeFaultOrAWrongTokenRefusesTheUpgradeWithItsStatus() {
    ExecutionException fault =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class,
            () -> open("/ws/chat?token=" + token, new Frames(), "X-Mock-Fault", "http_429"));
    assertEquals(429, ((WebSocketHandshakeException) fault.getCause()).getResponse().statusCode());
    ExecutionException wrong =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> open("/ws/chat?token=nope", new Frames()));
    assertEquals(401, ((WebSocketHandshakeException) wrong.getCause()).getResponse().statusCode());
    assertEquals(1, mock.counters().faultsInjected(Fault.HTTP_429));
  }

  @Test
  void withoutATokenOnTheUpgradeTheFirstMessageMustBeAValidAuthMessage() throws Exception {
    Frames good = new Frames();
    WebSocket ws = open("/ws/chat", good);
    ws.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true).join();
    ws.sendText("{\"requestId\":\"m-1\"}", true).join();
    awaitFrames(good, 5);
    assertEquals(5, good.texts().size(), good.texts().toString());
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();

    Frames bad = new Frames();
    WebSocket refused = open("/ws/chat", bad);
    refused.sendText("{\"type\":\"auth\",\"token\":\"nope\"}", true).join();
    assertEquals(4401, bad.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertTrue(bad.texts().isEmpty());
  }
}
