package dev.streamload.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts this JVM's own established TCP connections to a remote port, so a run can prove it left no
 * socket open to the target. Linux only: it matches the socket inodes of /proc/self/fd with
 * /proc/net/tcp and tcp6; elsewhere it answers -1 (unknown).
 */
public final class OwnSockets {

  private static final String ESTABLISHED = "01";

  private OwnSockets() {}

  /** Established connections of this process to {@code remotePort}, or -1 if unknown. */
  public static long establishedTo(int remotePort) {
    Set<String> sockets = establishedSocketsTo(remotePort);
    return sockets == null ? -1 : sockets.size();
  }

  /**
   * The socket inodes of this process's established connections to {@code remotePort} (an inode
   * names one connection for its whole life), or null if unknown.
   */
  public static Set<String> establishedSocketsTo(int remotePort) {
    try {
      Set<String> inodes = ownSocketInodes();
      Set<String> out = new HashSet<>();
      collect(Path.of("/proc/net/tcp"), remotePort, inodes, out);
      collect(Path.of("/proc/net/tcp6"), remotePort, inodes, out);
      return out;
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  private static Set<String> ownSocketInodes() throws IOException {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          String link = Files.readSymbolicLink(fd).toString();
          if (link.startsWith("socket:[")) {
            inodes.add(link.substring(8, link.length() - 1));
          }
        } catch (IOException e) {
          // the descriptor closed while we listed it
        }
      }
    }
    return inodes;
  }

  private static void collect(Path table, int port, Set<String> inodes, Set<String> out)
      throws IOException {
    if (!Files.exists(table)) {
      return;
    }
    String hexPort = String.format(":%04X", port);
    List<String> lines = Files.readAllLines(table);
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).trim().split("\\s+");
      if (f.length > 9
          && f[2].endsWith(hexPort)
          && ESTABLISHED.equals(f[3])
          && inodes.contains(f[9])) {
        out.add(f[9]);
      }
    }
  }
}
