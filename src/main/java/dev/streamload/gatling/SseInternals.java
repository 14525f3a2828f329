package dev.streamload.gatling;

import io.gatling.core.CoreComponents;
import io.gatling.core.protocol.ProtocolComponentsRegistry;
import io.gatling.http.action.sse.fsm.SseCrashedState;
import io.gatling.http.action.sse.fsm.SseFsm;
import io.gatling.http.client.HttpClient;
import io.gatling.http.engine.HttpEngine;
import io.gatling.http.protocol.HttpComponents;
import io.gatling.http.protocol.HttpProtocol;
import io.gatling.http.util.SslContextsFactory;
import io.gatling.javaapi.core.Session;
import java.lang.reflect.Field;
import java.util.function.UnaryOperator;

/**
 * The one place that reaches into Gatling 3.16.0's SSE and HTTP internals, to do what the public
 * DSL cannot: read why a stream crashed, and give the SSE connect an HTTP engine of its own whose
 * client decorates the stream's listener ({@link WatchedSse}), so the connection is watched from
 * the request's write (a cut crashes the stream at once instead of Gatling silently re-sending the
 * request, gatling/gatling#4634) and the headers, chunks and error bodies are seen as they arrive.
 *
 * <p>Field names were read from the 3.16.0 bytecode; {@code SseInternalsTest} fails loudly if an
 * upgrade renames them. Every method tolerates a session without a stream.
 */
public final class SseInternals {

  /** Session key under which Gatling keeps the state machine of the stream named {@code sse}. */
  public static final String SSE_KEY = "gatling.http.sse";

  private static final Field FSM_STATE =
      InternalFields.field(SseFsm.class, "currentState", SseInternals.class);
  private static final Field CRASH_MESSAGE =
      InternalFields.field(SseCrashedState.class, "errorMessage", SseInternals.class);
  private static final Field ENGINE_TLS =
      InternalFields.field(HttpEngine.class, "sslContextsFactory", SseInternals.class);
  private static final Field ENGINE_CLIENT =
      InternalFields.field(HttpEngine.class, "httpClient", SseInternals.class);
  private static final Field REGISTRY_CACHE =
      InternalFields.field(ProtocolComponentsRegistry.class, "componentsCache", SseInternals.class);

  private SseInternals() {}

  /** Gatling's own crash message, e.g. "...SseInvalidStatusException: ... code 429", or null. */
  public static String crashMessage(Session session) {
    SseFsm fsm = fsm(session);
    if (fsm == null) {
      return null;
    }
    Object state = InternalFields.get(FSM_STATE, fsm);
    return state instanceof SseCrashedState
        ? (String) InternalFields.get(CRASH_MESSAGE, state)
        : null;
  }

  /** True when the stream in the session crashed (closing it again would log a second error). */
  public static boolean isCrashed(Session session) {
    SseFsm fsm = fsm(session);
    return fsm != null && InternalFields.get(FSM_STATE, fsm) instanceof SseCrashedState;
  }

  /**
   * A second HTTP engine over the same TLS contexts factory, event loops, clock and configuration
   * as {@code gatling}, whose HTTP client is {@code wrap} applied to Gatling's own client (same
   * connection pools).
   */
  public static HttpEngine watchingEngine(
      HttpEngine gatling, CoreComponents core, UnaryOperator<HttpClient> wrap) {
    return new HttpEngine(
        (SslContextsFactory) InternalFields.get(ENGINE_TLS, gatling),
        wrap.apply((HttpClient) InternalFields.get(ENGINE_CLIENT, gatling)),
        core.eventLoopGroup(),
        core.clock(),
        core.configuration());
  }

  /** {@code http} with another engine (protocol, caches, executor and controller unchanged). */
  public static HttpComponents withEngine(HttpComponents http, HttpEngine engine) {
    return new HttpComponents(
        http.httpProtocol(), engine, http.httpCaches(), http.httpTxExecutor(), http.controller());
  }

  /**
   * A protocol registry that answers {@code http} for the HTTP protocol: what an action built with
   * it looks up (an SSE connect looks up nothing else).
   */
  @SuppressWarnings("unchecked")
  public static ProtocolComponentsRegistry registryWith(CoreComponents core, HttpComponents http) {
    ProtocolComponentsRegistry registry =
        new ProtocolComponentsRegistry(
            core,
            scala.collection.immutable.Map$.MODULE$.empty(),
            new scala.collection.mutable.HashMap<>(),
            new scala.collection.mutable.HashMap<>());
    ((scala.collection.mutable.Map<Object, Object>) InternalFields.get(REGISTRY_CACHE, registry))
        .put(HttpProtocol.HttpProtocolKey(), http);
    return registry;
  }

  private static SseFsm fsm(Session session) {
    return session.contains(SSE_KEY) ? session.get(SSE_KEY) : null;
  }
}
