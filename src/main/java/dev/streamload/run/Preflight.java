package dev.streamload.run;

import dev.streamload.config.ConfigException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * Checks before any load starts that the target accepts TCP connections, so an unreachable target
 * fails at once with a clear message.
 */
public final class Preflight {

  /** How long the single probe connection may take. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private Preflight() {}

  /** The port of {@code uri}, or the default of its scheme. */
  static int port(URI uri) {
    return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** Opens and closes one TCP connection to the host and port of {@code baseUrl}. */
  public static void checkReachable(String baseUrl) {
    URI uri = URI.create(baseUrl);
    int port = port(uri);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
    } catch (IOException e) {
      throw new ConfigException(
          "target.url = '"
              + baseUrl
              + "': cannot connect to "
              + uri.getHost()
              + ":"
              + port
              + " ("
              + e
              + "). Is the server running? Leave target.url unset to use the embedded mock.");
    }
  }
}
