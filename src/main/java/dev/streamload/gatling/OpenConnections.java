package dev.streamload.gatling;

import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's open connections that carried a stream request, counted as the requests are written
 * and the connections close (no system calls, nothing to scan): what the run's connection samples
 * read once a second. A connection is named by its Netty channel id for its whole life.
 */
public final class OpenConnections {

  private final Set<String> open = ConcurrentHashMap.newKeySet();

  /** A stream request was written on {@code channel} (a pooled connection is counted once). */
  void carried(Channel channel) {
    String id = channel.id().asLongText();
    if (open.add(id)) {
      channel.closeFuture().addListener(f -> open.remove(id));
    }
  }

  /** The identities of the open connections now (a copy). */
  public Set<String> now() {
    return Set.copyOf(open);
  }
}
