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

  /** A POST with a small JSON body, with an Accept header when {@code accept} is not null. */
  private static HttpResponse<String> post(
      HttpClient client, LoopbackServer server, String path, String accept) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"hi\"}"));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withoutAnIdentityAnswerEveryRequestGetsTheMadeUpStreamOnTheLoopbackAddress()
      throws Exception {
    try (LoopbackServer server = LoopbackServer.start(EVENTS)) {
      assertTrue(server.baseUrl().startsWith("http://127.0.0.1:"), server.baseUrl());
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (String path : List.of("/api/chat/stream", "/v1/messages?x=1")) {
        HttpResponse<String> response = post(client, server, path, null);
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
    byte[] other =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\n{\"\"}"
            .getBytes(StandardCharsets.US_ASCII);
    try (LoopbackServer server = LoopbackServer.start(EVENTS, List.of(identity, other))) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> login = post(client, server, "/api/chat/stream", "application/json");
      HttpResponse<String> stream = post(client, server, "/api/auth/login", "Text/Event-Stream");

      assertEquals("{}", login.body(), "the path does not matter, the Accept header does");
      HttpResponse<String> second = post(client, server, "/api/conversations", null);
      assertEquals("{\"\"}", second.body(), "the identity responses come in turn");
      assertEquals(2, server.identityAnswers());
      assertEquals("data: {\"delta\":\"a\"}\n\ndata: [DONE]\n\n", stream.body());
    }
  }

  @Test
  void anAcceptHeaderThatTakesAnEventStreamAmongOthersCounts() {
    assertTrue(
        LoopbackServer.wantsEventStream("POST / HTTP/1.1\r\naccept: Text/Event-Stream\r\n\r\n"),
        "header names and values in any case");
    assertTrue(
        LoopbackServer.wantsEventStream(
            "POST / HTTP/1.1\r\nHost: x\r\nAccept: application/json, text/event-stream\r\n\r\n"));
    assertEquals(
        false,
        LoopbackServer.wantsEventStream(
            "POST / HTTP/1.1\r\nX-Accept: text/event-stream\r\nAccept: */*\r\n\r\n"));
  }

  @Test
  void streamResponsesTakeTurnsWithAndWithoutServerHeadersAndTheLastOfARoundClosesTheConnection()
      throws Exception {
    List<byte[]> expected = LoopbackServer.streamResponses(EVENTS);
    assertEquals(LoopbackServer.CLOSE_EVERY, expected.size());
    try (LoopbackServer server = LoopbackServer.start(EVENTS);
        java.net.Socket socket =
            new java.net.Socket("127.0.0.1", URI.create(server.baseUrl()).getPort())) {
      socket.setSoTimeout(10_000);
      java.io.OutputStream out = socket.getOutputStream();
      java.io.InputStream in = socket.getInputStream();
      for (int i = 0; i < expected.size(); i++) {
        out.write(
            ("POST /s HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n"
                    + "Content-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String response =
            new String(in.readNBytes(expected.get(i).length), StandardCharsets.US_ASCII);
        assertEquals(new String(expected.get(i), StandardCharsets.US_ASCII), response, "#" + i);
        assertEquals(i % 2 == 1 && i < expected.size() - 1, response.contains("Server: "), "#" + i);
        assertEquals(i == expected.size() - 1, response.contains("Connection: close\r\n"), "#" + i);
      }
      assertEquals(-1, in.read(), "the server closed the connection after the closing response");
    }
  }

  @Test
  void aStreamResponseIsWrittenHeadFirstThenOneChunkAtATime() {
    List<byte[]> pieces = LoopbackServer.pieces(EVENTS, "");
    assertEquals(EVENTS.size() + 2, pieces.size(), "head, a chunk per event, the last chunk");
    String head = new String(pieces.get(0), StandardCharsets.US_ASCII);
    assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n") && head.endsWith("\r\n\r\n"), head);
    assertEquals("0\r\n\r\n", new String(pieces.get(pieces.size() - 1), StandardCharsets.US_ASCII));

    List<byte[]> halves = LoopbackServer.pieces(EVENTS, LoopbackServer.SERVER_HEADERS);
    assertEquals(EVENTS.size() + 3, halves.size(), "a long head goes in two writes");
    String first = new String(halves.get(0), StandardCharsets.US_ASCII);
    assertTrue(!first.endsWith("\r\n") && !first.contains("\r\n\r\n"), first);
    assertTrue(new String(halves.get(1), StandardCharsets.US_ASCII).endsWith("\r\n\r\n"));
    assertEquals(false, LoopbackServer.endsHead(halves.get(0)));
    assertTrue(LoopbackServer.endsHead(halves.get(1)));
    assertTrue(LoopbackServer.endsHead(pieces.get(0)));
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
