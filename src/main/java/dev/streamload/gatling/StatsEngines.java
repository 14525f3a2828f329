package dev.streamload.gatling;

import io.gatling.core.CoreComponents;
import io.gatling.core.action.Action;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.BiPredicate;

/**
 * Gatling's {@link StatsEngine} with some calls dropped, and the {@link ScenarioContext} that hands
 * such an engine to the actions built with it: how {@link QuietSseRows} and {@link Silent} keep
 * rows out of the report. A dynamic proxy, because one of the engine's methods takes a type nested
 * in a Scala object, which Java source cannot name. Internal API of Gatling 3.16.0.
 */
final class StatsEngines {

  private StatsEngines() {}

  /**
   * An engine that drops every call {@code drop} accepts (method, arguments) and forwards the rest
   * to {@code delegate}. {@code drop} runs first and on every call (once per event for Gatling's
   * unmatched-message rows), so it must be cheap.
   */
  static StatsEngine filtered(
      StatsEngine delegate, String name, BiPredicate<Method, Object[]> drop) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (drop.test(method, args)) {
            return null;
          }
          Object answer = objectMethod(proxy, method, args, name, delegate);
          if (answer != NOT_AN_OBJECT_METHOD) {
            return answer;
          }
          try {
            return method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (StatsEngine)
        Proxy.newProxyInstance(
            StatsEngine.class.getClassLoader(), new Class<?>[] {StatsEngine.class}, handler);
  }

  /** What {@link #objectMethod} answers for a call that is not {@code Object}'s own. */
  static final Object NOT_AN_OBJECT_METHOD = new Object();

  /**
   * The proxy's own answer to {@code equals}, {@code hashCode} and {@code toString} ({@code
   * name(delegate)}), or {@link #NOT_AN_OBJECT_METHOD} for any other call.
   */
  static Object objectMethod(
      Object proxy, Method method, Object[] args, String name, StatsEngine delegate) {
    if (method.getDeclaringClass() == Object.class) {
      switch (method.getName()) {
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return name + "(" + delegate + ")";
        default:
          break;
      }
    }
    return NOT_AN_OBJECT_METHOD;
  }

  /** {@code ctx} with {@code engine} in place of its stats engine; everything else the same. */
  static ScenarioContext withEngine(ScenarioContext ctx, StatsEngine engine) {
    return withEngine(ctx, engine, ctx.coreComponents().exit());
  }

  /** {@code ctx} with {@code engine} and {@code exit} (where {@code exitHere...} sends a user). */
  static ScenarioContext withEngine(ScenarioContext ctx, StatsEngine engine, Action exit) {
    CoreComponents core = ctx.coreComponents();
    return new ScenarioContext(
        new CoreComponents(
            core.actorSystem(),
            core.eventLoopGroup(),
            core.controller(),
            core.throttler(),
            engine,
            core.clock(),
            exit,
            core.configuration()),
        ctx.protocolComponentsRegistry(),
        ctx.pauseType(),
        ctx.throttled());
  }
}
