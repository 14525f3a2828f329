package dev.streamload.gatling;

import io.gatling.commons.validation.Success;
import io.gatling.core.action.Action;
import io.gatling.core.action.SessionHook;
import io.gatling.core.protocol.ProtocolComponentsRegistry;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.http.client.HttpClient;
import io.gatling.http.client.HttpListener;
import io.gatling.http.client.Request;
import io.gatling.http.client.SslContextsHolder;
import io.gatling.http.client.util.Pair;
import io.gatling.http.protocol.HttpComponents;
import io.gatling.http.protocol.HttpProtocol;
import io.gatling.javaapi.core.ActionBuilder;
import io.netty.channel.EventLoop;

/**
 * Wraps the SSE connect so that the stream's connection is watched from the moment its request is
 * written, not from its first event: the connect is built against an HTTP engine of its own whose
 * client hands every stream request's listener to a {@link StreamListener} of the session's {@link
 * LiveStream}. That listener sees the write (the channel: cut, stall and deadline watch), the
 * headers (time to headers), each body chunk (the receive time of its events) and the body of a
 * rejected response, before Gatling's own SSE listener does.
 *
 * <p>Only this action's requests go through that engine; every other request of the simulation
 * (login, conversation) uses Gatling's engine as before. The engine shares Gatling's HTTP client,
 * connection pools and TLS contexts: it only decorates listeners. Internal API of Gatling 3.16.0
 * ({@link SseInternals#watchingEngine}), tested by {@code WatchedSseTest} and the end-to-end tests.
 */
public final class WatchedSse implements ActionBuilder {

  /** The stream whose connect request is about to be sent on this event loop thread. */
  private static final ThreadLocal<LiveStream> HANDOFF = new ThreadLocal<>();

  private final ActionBuilder connect;
  private final OpenConnections connections;

  /**
   * @param connect the SSE connect with its await sequences (may be wrapped, e.g. {@link
   *     QuietSseRows})
   * @param connections where the connections that carry stream requests are counted
   */
  public WatchedSse(ActionBuilder connect, OpenConnections connections) {
    this.connect = connect;
    this.connections = connections;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    io.gatling.core.action.builder.ActionBuilder inner = connect.asScala();
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        HttpComponents http =
            ctx.protocolComponentsRegistry().components(HttpProtocol.HttpProtocolKey());
        HttpComponents watched =
            SseInternals.withEngine(
                http,
                SseInternals.watchingEngine(
                    http.httpEngine(), ctx.coreComponents(), c -> new Client(c, connections)));
        ProtocolComponentsRegistry registry =
            SseInternals.registryWith(ctx.coreComponents(), watched);
        Action sseConnect =
            inner.build(
                new ScenarioContext(
                    ctx.coreComponents(), registry, ctx.pauseType(), ctx.throttled()),
                next);
        // The connect runs synchronously after this hook on the same thread, and Gatling asks the
        // HTTP client to send the request before it returns: the client takes the stream there.
        return new SessionHook(
            session -> {
              io.gatling.javaapi.core.Session javaSession =
                  new io.gatling.javaapi.core.Session(session);
              if (javaSession.contains(LiveStream.KEY)) {
                HANDOFF.set(javaSession.get(LiveStream.KEY));
              }
              return new Success<>(session);
            },
            "streamload watch",
            ctx.coreComponents().statsEngine(),
            sseConnect);
      }
    };
  }

  /** Drops a handed-off stream whose connect never reached the HTTP client. */
  static void forget(LiveStream live) {
    if (HANDOFF.get() == live) {
      HANDOFF.remove();
    }
  }

  /**
   * Gatling's HTTP client, with the listener of a handed-off stream request decorated. Requests
   * without a handed-off stream (Gatling's own reconnect of a cut stream, which the replay guard
   * refuses) pass unchanged.
   */
  static final class Client implements HttpClient {

    private final HttpClient gatling;
    private final OpenConnections connections;

    Client(HttpClient gatling, OpenConnections connections) {
      this.gatling = gatling;
      this.connections = connections;
    }

    @Override
    public void sendRequest(
        Request request,
        long clientId,
        EventLoop eventLoop,
        HttpListener listener,
        SslContextsHolder sslContextsHolder) {
      LiveStream live = HANDOFF.get();
      HttpListener decorated = listener;
      if (live != null) {
        HANDOFF.remove();
        decorated = new StreamListener(listener, live, connections);
      }
      gatling.sendRequest(request, clientId, eventLoop, decorated, sslContextsHolder);
    }

    @Override
    public void sendHttp2Requests(
        Pair<Request, HttpListener>[] requestsAndListeners,
        long clientId,
        EventLoop eventLoop,
        SslContextsHolder sslContextsHolder) {
      gatling.sendHttp2Requests(requestsAndListeners, clientId, eventLoop, sslContextsHolder);
    }

    @Override
    public boolean isClosed() {
      return gatling.isClosed();
    }

    @Override
    public void flushClientIdChannels(long clientId, EventLoop eventLoop) {
      gatling.flushClientIdChannels(clientId, eventLoop);
    }

    @Override
    public void close() throws Exception {
      // Gatling's client is Gatling's to close.
    }
  }
}
