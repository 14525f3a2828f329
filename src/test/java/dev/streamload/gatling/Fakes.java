package dev.streamload.gatling;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * Stand-ins for Gatling's interfaces (a {@code StatsEngine}, an {@code Action}) whose every call
 * goes to a handler: how the adapter tests record what reaches Gatling.
 */
final class Fakes {

  private Fakes() {}

  /** A {@code type} whose calls all go to {@code handler}. */
  static <T> T of(Class<T> type, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
