package dev.streamload.mock;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A blocking HTTP/1.1 test client on one raw socket to 127.0.0.1 that reports exactly how a
 * response ended (complete, cut, reset or silent), which higher-level clients hide.
 */
final class RawHttp implements AutoCloseable {

  /** How a response read ended. */
  enum Ending {
    /** The terminating chunk or the whole Content-Length arrived. */
    COMPLETE,
    /** The server closed the connection before the end of the response. */
    EOF,
    /** The connection was reset. */
    RESET,
    /** Nothing arrived for the read timeout. */
    TIMEOUT
  }

  /**
   * What was read of one response.
   *
   * @param status HTTP status, 0 when no status line arrived
   * @param headers response headers with lowercase names
   * @param body body bytes read so far, decoded as UTF-8 (chunk framing removed)
   * @param ending how the read ended
   */
  record Response(int status, Map<String, String> headers, String body, Ending ending) {

    /** A header value by case-insensitive name, or null. */
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Opens a connection to 127.0.0.1 on the port. */
  static RawHttp connect(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    return new RawHttp(socket);
  }

  /** Sends one request with a JSON body (or none when body is null); Host is added. */
  void send(String method, String path, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1:").append(socket.getPort()).append("\r\n");
    for (Map.Entry<String, String> header : headers.entrySet()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Type: application/json\r\n");
    }
    head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  /** Reads one response, giving up when nothing arrives for {@code silence}. */
  Response read(Duration silence) throws IOException {
    socket.setSoTimeout((int) Math.max(1, silence.toMillis()));
    int status = 0;
    Map<String, String> headers = new LinkedHashMap<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      String statusLine = readLine();
      status = Integer.parseInt(statusLine.split(" ")[1]);
      for (String line = readLine(); !line.isEmpty(); line = readLine()) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        readChunked(body);
      } else {
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        for (int i = 0; i < length; i++) {
          body.write(readByte());
        }
      }
      return new Response(status, headers, decode(body), Ending.COMPLETE);
    } catch (SocketTimeoutException e) {
      return new Response(status, headers, decode(body), Ending.TIMEOUT);
    } catch (EOFException e) {
      return new Response(status, headers, decode(body), Ending.EOF);
    } catch (SocketException e) {
      return new Response(status, headers, decode(body), Ending.RESET);
    }
  }

  /** Sends a request and reads its response on this connection. */
  Response exchange(
      String method, String path, Map<String, String> headers, String body, Duration silence)
      throws IOException {
    send(method, path, headers, body);
    return read(silence);
  }

  /**
   * Whether the server has closed (or reset) the connection, skipping unread bytes and waiting up
   * to {@code within} for more.
   */
  boolean closedByServer(Duration within) throws IOException {
    socket.setSoTimeout((int) Math.max(1, within.toMillis()));
    try {
      while (in.read() >= 0) {
        // skip what is left of the response
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }

  private void readChunked(ByteArrayOutputStream body) throws IOException {
    while (true) {
      String sizeLine = readLine();
      int semicolon = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // trailers are ignored
        }
        return;
      }
      for (int i = 0; i < size; i++) {
        body.write(readByte());
      }
      readLine();
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = readByte();
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed by server");
    }
    return b;
  }

  private static String decode(ByteArrayOutputStream body) {
    return body.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
