package dev.streamload.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.config.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PreflightTest {

  @Test
  void anUnreachableTargetFailsBeforeAnyLoadNamingThePropertyAndTheCause() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    ConfigException e = assertThrows(ConfigException.class, () -> Preflight.checkReachable(url));
    assertTrue(e.getMessage().contains("target.url = '" + url + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
  }

  @Test
  void aListeningTargetPasses() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertDoesNotThrow(
          () -> Preflight.checkReachable("http://127.0.0.1:" + socket.getLocalPort() + "/"));
    }
  }
}
