package dev.streamload.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackServerTest {

  private static final List<byte[]> EVENTS =
      List.of(
          "data: {\"delta\":\"a\"}\n\n".getBytes(StandardCharsets.UTF_8),
          "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));

  @Test
  void withoutAnIdentityAnswerEveryRequestGetsTheMadeUpStreamOnTheLoopbackAddress()
      throws Exception {
    try (LoopbackServer server = LoopbackServer.start(EVENTS)) {
      assertTrue(server.baseUrl().startsWith("http://127.0.0.1:"), server.baseUrl());
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (String path : List.of("/api/chat/stream", "/v1/messages?x=1")) {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"hi\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path);
        assertEquals(
            "text/event-stream", response.headers().firstValue("content-type").orElse(""), path);
        assertEquals("data: {\"delta\":\"a\"}\n\ndata: [DONE]\n\n", response.body(), path);
      }
    }
  }

  @Test
  void requestsWithALengthOrAChunkedBodyFollowEachOtherOnOneConnection() throws Exception {
    String two =
        "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
            + "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3;ext=1\r\nabc\r\n0\r\nX-Trailer: y\r\n\r\n";
    java.io.InputStream in =
        new java.io.ByteArrayInputStream(two.getBytes(StandardCharsets.US_ASCII));
    assertTrue(LoopbackServer.readRequest(in).startsWith("POST /a HTTP/1.1\r\n"));
    assertTrue(LoopbackServer.readRequest(in).startsWith("POST /b HTTP/1.1\r\n"));
    assertEquals(null, LoopbackServer.readRequest(in), "a clean end of the connection");
  }

  @Test
  void withAnIdentityAnswerOnlyRequestsThatAcceptAnEventStreamGetTheStream() throws Exception {
    byte[] identity =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
            .getBytes(StandardCharsets.US_ASCII);
    try (LoopbackServer server = LoopbackServer.start(EVENTS, identity)) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> login =
          client.send(
              HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/chat/stream"))
                  .timeout(Duration.ofSeconds(10))
                  .header("Accept", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> stream =
          client.send(
              HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/auth/login"))
                  .timeout(Duration.ofSeconds(10))
                  .header("accept", "Text/Event-Stream")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertEquals("{}", login.body(), "the path does not matter, the Accept header does");
      assertEquals("data: {\"delta\":\"a\"}\n\ndata: [DONE]\n\n", stream.body());
    }
  }

  @Test
  void anAcceptHeaderThatTakesAnEventStreamAmongOthersCounts() {
    assertTrue(
        LoopbackServer.wantsEventStream(
            "POST / HTTP/1.1\r\nHost: x\r\nAccept: application/json, text/event-stream\r\n\r\n"));
    assertEquals(
        false,
        LoopbackServer.wantsEventStream(
            "POST / HTTP/1.1\r\nX-Accept: text/event-stream\r\nAccept: */*\r\n\r\n"));
  }

  @Test
  void theResponseIsOneChunkPerEventThenTheLastChunk() {
    String response = new String(LoopbackServer.response(EVENTS), StandardCharsets.US_ASCII);
    assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
    assertTrue(
        response.endsWith(
            "\r\n\r\n15\r\ndata: {\"delta\":\"a\"}\n\n\r\ne\r\ndata: [DONE]\n\n\r\n0\r\n\r\n"),
        response);
  }

  @Test
  void aConnectionCutInsideARequestIsAnErrorNotARequest() {
    java.io.InputStream in =
        new java.io.ByteArrayInputStream(
            "POST /a HTTP/1.1\r\nContent-Length: 9\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII));
    org.junit.jupiter.api.Assertions.assertThrows(
        java.io.EOFException.class, () -> LoopbackServer.readRequest(in));
  }
}
