package dev.streamload.gatling;

import io.gatling.core.CoreComponents;
import io.gatling.core.action.Action;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A chain whose actions write nothing to Gatling's report: every request, check, crash and group
 * row its actions log is dropped, so traffic that is not the test's (the loopback warm-up) leaves
 * no trace in the report while running exactly the code the test runs. The users that run it are
 * still started and ended by Gatling's injector, which logs them under their own scenario.
 *
 * <p>How: as {@link QuietSseRows}, the chain is built with a {@link ScenarioContext} whose {@link
 * StatsEngine} is a proxy; this one drops every {@code log*} call. Internal API of Gatling 3.16.0,
 * tested by {@code SilentTest}.
 */
public final class Silent implements ActionBuilder {

  private final ChainBuilder chain;

  public Silent(ChainBuilder chain) {
    this.chain = chain;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    io.gatling.core.structure.ChainBuilder inner = chain.wrapped;
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        CoreComponents core = ctx.coreComponents();
        CoreComponents silent =
            new CoreComponents(
                core.actorSystem(),
                core.eventLoopGroup(),
                core.controller(),
                core.throttler(),
                mute(core.statsEngine()),
                core.clock(),
                core.exit(),
                core.configuration());
        return inner.build(
            new ScenarioContext(
                silent, ctx.protocolComponentsRegistry(), ctx.pauseType(), ctx.throttled()),
            next);
      }
    };
  }

  /** A stats engine that drops every {@code log*} call and forwards the rest. */
  static StatsEngine mute(StatsEngine delegate) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.startsWith("log") && method.getReturnType() == void.class) {
            return null;
          }
          if (method.getDeclaringClass() == Object.class) {
            switch (name) {
              case "equals":
                return proxy == args[0];
              case "hashCode":
                return System.identityHashCode(proxy);
              case "toString":
                return "Silent.mute(" + delegate + ")";
              default:
                break;
            }
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
}
