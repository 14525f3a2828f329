package dev.streamload.warmup;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The warm-up's own SSE server, inside the JVM on 127.0.0.1 and an ephemeral port: every stream
 * request ({@code Accept: text/event-stream}), whatever its path and body, gets {@code 200
 * text/event-stream} with the same made-up events at once, one HTTP chunk each, and the response
 * ends on a kept-alive connection; any other request gets the identity answer ({@link
 * IdentityAnswer}) when there is one, else the same stream. It answers only the loopback warm-up;
 * no test traffic reaches it and it never talks to the target.
 *
 * <p>The warm-up's traffic is shaped like a real server's where the client's code takes another
 * path for it: stream responses with and without the headers real servers add, written head first
 * (a long head in two writes, 1 ms apart, so that the client sees it incomplete) and then event by
 * event, now and then one that closes the connection; identity responses with values of several
 * lengths ({@link IdentityAnswer}). Without them the JIT threw compiled client code away at the
 * load's first requests, the response decoder's among it (docs/benchmark.md "Cold start").
 *
 * <p>Plain blocking sockets, one daemon thread per connection, and responses prepared once, on
 * purpose not Netty's HTTP server: its request decoder and response encoder share their classes
 * with the client's response decoder and request encoder, and compiling them for both sides during
 * the warm-up made the JIT recompile the client's side once the load began (docs/benchmark.md).
 * HTTP/1.1 requests with a {@code Content-Length} or a chunked body, as Gatling sends them.
 */
final class LoopbackServer implements AutoCloseable {

  /** Longest request head accepted (a warm-up request is a few hundred bytes). */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  /**
   * Headers a real server adds (Node's, nginx's usual ones), in every other response: the client's
   * response decoder then parses short and long header blocks during the warm-up, as it will
   * against the target.
   */
  static final String SERVER_HEADERS =
      "Date: Wed, 02 Dec 2026 00:00:00 GMT\r\n"
          + "Connection: keep-alive\r\n"
          + "Keep-Alive: timeout=60\r\n"
          + "Cache-Control: no-cache\r\n"
          + "X-Request-Id: warm-up\r\n"
          + "Server: streamload-warm-up\r\n";

  /**
   * Every this many stream responses, one says {@code Connection: close} and the server closes the
   * connection after it: the client then connects again, so its connect path and the pipeline of a
   * new connection run during the warm-up as they will for the load's first users.
   */
  static final int CLOSE_EVERY = 8;

  private final ServerSocket socket;
  private final List<List<byte[]>> streams;
  private final java.util.concurrent.atomic.AtomicInteger nextStream =
      new java.util.concurrent.atomic.AtomicInteger();
  private final List<byte[]> identity;
  private final java.util.concurrent.atomic.AtomicInteger nextIdentity =
      new java.util.concurrent.atomic.AtomicInteger();
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.LongAdder identityAnswers =
      new java.util.concurrent.atomic.LongAdder();
  private volatile boolean closed;

  private LoopbackServer(ServerSocket socket, List<List<byte[]>> streams, List<byte[]> identity) {
    this.socket = socket;
    this.streams = streams;
    this.identity = identity;
  }

  /**
   * Starts the server.
   *
   * @param events the SSE bytes of each event ({@code data: ...\n\n}), sent in this order
   */
  static LoopbackServer start(List<byte[]> events) throws IOException {
    return start(events, null);
  }

  /**
   * Starts the server.
   *
   * @param events the SSE bytes of each event ({@code data: ...\n\n}), sent in this order
   * @param identity whole responses to requests that are not stream requests, each in turn, or null
   *     to answer them with the stream too
   */
  static LoopbackServer start(List<byte[]> events, List<byte[]> identity) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    LoopbackServer server = new LoopbackServer(socket, streamPieces(events), identity);
    Thread accept = new Thread(server::accept, "streamload-warm-up-server");
    accept.setDaemon(true);
    accept.start();
    return server;
  }

  /** Requests answered with the identity answer so far. */
  long identityAnswers() {
    return identityAnswers.sum();
  }

  /** {@code http://127.0.0.1:<port>}. */
  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    for (Socket c : connections) {
      try {
        c.close();
      } catch (IOException e) {
        // Closing anyway.
      }
    }
  }

  /**
   * The stream responses, in the order they are sent: {@link #CLOSE_EVERY} of them, the plain one
   * and one with {@link #SERVER_HEADERS} in turn, the last of them closing the connection.
   */
  static List<byte[]> streamResponses(List<byte[]> events) {
    return streamPieces(events).stream()
        .map(
            p -> {
              java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
              p.forEach(out::writeBytes);
              return out.toByteArray();
            })
        .toList();
  }

  /** {@link #streamResponses}, each in its {@link #pieces}. */
  static List<List<byte[]>> streamPieces(List<byte[]> events) {
    List<List<byte[]>> all = new java.util.ArrayList<>();
    for (int i = 0; i < CLOSE_EVERY - 1; i++) {
      all.add(pieces(events, i % 2 == 0 ? "" : SERVER_HEADERS));
    }
    all.add(pieces(events, "Connection: close\r\n"));
    return List.copyOf(all);
  }

  /** The plain stream response. */
  static byte[] response(List<byte[]> events) {
    return response(events, "");
  }

  /**
   * A whole stream response: status line, headers ({@code extraHeaders} among them), one chunk per
   * event, the last chunk.
   */
  static byte[] response(List<byte[]> events, String extraHeaders) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    pieces(events, extraHeaders).forEach(out::writeBytes);
    return out.toByteArray();
  }

  /**
   * The same response in the pieces the server writes one by one, as a real server writes the head
   * before the first event and each event when it comes: the head, one piece per event's chunk, the
   * last chunk. The client then also reads a head without the body behind it, a case its response
   * decoder meets on every real stream (docs/benchmark.md "Cold start").
   */
  static List<byte[]> pieces(List<byte[]> events, String extraHeaders) {
    List<byte[]> pieces = new java.util.ArrayList<>();
    byte[] head =
        ("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/event-stream\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + extraHeaders
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    if (extraHeaders.isEmpty()) {
      pieces.add(head);
    } else {
      // A long head in two writes, cut 20 bytes into a header line: the client now and then reads
      // a head that is not complete yet, as it does from real servers, and its decoder searches
      // a partial line longer than one 8-byte word for its end (Netty's SWAR search) in vain.
      String text = new String(head, StandardCharsets.US_ASCII);
      int line = text.indexOf("\r\n", text.indexOf("\r\n") + 2) + 2; // the second header line
      int cut = Math.min(line + 20, head.length - 4);
      pieces.add(java.util.Arrays.copyOfRange(head, 0, cut));
      pieces.add(java.util.Arrays.copyOfRange(head, cut, head.length));
    }
    for (byte[] event : events) {
      java.io.ByteArrayOutputStream chunk = new java.io.ByteArrayOutputStream();
      chunk.writeBytes(
          (Integer.toHexString(event.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      chunk.writeBytes(event);
      chunk.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      pieces.add(chunk.toByteArray());
    }
    pieces.add("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return List.copyOf(pieces);
  }

  private void accept() {
    while (!closed) {
      Socket c;
      try {
        c = socket.accept();
      } catch (IOException e) {
        return; // closed
      }
      connections.add(c);
      Thread t = new Thread(() -> serve(c), "streamload-warm-up-connection");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket c) {
    try (c) {
      c.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(c.getInputStream());
      OutputStream out = c.getOutputStream();
      String head;
      while (!closed && (head = readRequest(in)) != null) {
        if (identity == null || wantsEventStream(head)) {
          int i = Math.floorMod(nextStream.getAndIncrement(), streams.size());
          List<byte[]> pieces = streams.get(i);
          for (int p = 0; p < pieces.size(); p++) {
            out.write(pieces.get(p));
            out.flush();
            if (p == 0 && !endsHead(pieces.get(0))) {
              // Let the client read the first half of the head on its own: on a busy core this
              // thread would otherwise write both halves before the client reads either.
              pauseForTheClient();
            }
          }
          if (i == streams.size() - 1) {
            return; // Connection: close
          }
        } else {
          identityAnswers.increment();
          out.write(identity.get(Math.floorMod(nextIdentity.getAndIncrement(), identity.size())));
        }
        out.flush();
      }
    } catch (IOException e) {
      // The client closed the connection (or the server is closing): nothing to answer.
    } finally {
      connections.remove(c);
    }
  }

  /** True when {@code piece} ends with the empty line that ends a response head. */
  static boolean endsHead(byte[] piece) {
    int n = piece.length;
    return n >= 4
        && piece[n - 4] == '\r'
        && piece[n - 3] == '\n'
        && piece[n - 2] == '\r'
        && piece[n - 1] == '\n';
  }

  private static void pauseForTheClient() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * True when the request head has an {@code Accept} header that takes {@code text/event-stream}.
   */
  static boolean wantsEventStream(String head) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).trim().equalsIgnoreCase("accept")
          && line.substring(colon + 1).toLowerCase(Locale.ROOT).contains("text/event-stream")) {
        return true;
      }
    }
    return false;
  }

  /** Reads one request (head and body): its head, or null at a clean end of the connection. */
  static String readRequest(InputStream in) throws IOException {
    String head = readHead(in);
    if (head == null) {
      return null;
    }
    long length = 0;
    boolean chunked = false;
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (name.equals("content-length")) {
        length = Long.parseLong(value);
      } else if (name.equals("transfer-encoding")
          && value.toLowerCase(Locale.ROOT).contains("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      skipChunkedBody(in);
    } else {
      skip(in, length);
    }
    return head;
  }

  /** The request head up to its empty line, or null when the connection ends before a byte. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int matched = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (head.length() == 0) {
          return null;
        }
        throw new EOFException("connection ended inside a request head");
      }
      head.append((char) b);
      if (head.length() > MAX_HEAD_BYTES) {
        throw new IOException("request head longer than " + MAX_HEAD_BYTES + " bytes");
      }
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
      if (matched == 4 && head.toString().endsWith("\r\n\r\n")) {
        return head.toString();
      }
    }
  }

  private static void skipChunkedBody(InputStream in) throws IOException {
    while (true) {
      String sizeLine = readLine(in);
      int semicolon = sizeLine.indexOf(';');
      long size =
          Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        // Trailers, up to the empty line.
        while (!readLine(in).isEmpty()) {
          // skip
        }
        return;
      }
      skip(in, size);
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      line.append((char) b);
    }
    throw new EOFException("connection ended inside a chunked body");
  }

  private static void skip(InputStream in, long n) throws IOException {
    long left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("connection ended inside a request body");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }
}
