package dev.streamload.api;

import io.gatling.commons.validation.Validation;
import java.util.Map;
import scala.Function1;

/**
 * Evaluates a template with Gatling's own Expression Language engine against given session values,
 * as Gatling does when it sends a request (tests only: this reaches into Gatling's internals).
 */
final class El {

  private El() {}

  static String render(String template, Map<String, Object> values) {
    io.gatling.core.session.Session session =
        io.gatling.core.session.Session$.MODULE$.apply("test", 1L, null);
    for (Map.Entry<String, Object> e : values.entrySet()) {
      session = session.set(e.getKey(), e.getValue());
    }
    Function1<io.gatling.core.session.Session, Validation<String>> expression =
        io.gatling.javaapi.core.internal.Expressions.toStringExpression(template);
    Object result = expression.apply(session);
    if (result instanceof io.gatling.commons.validation.Failure failure) {
      throw new IllegalArgumentException(failure.message());
    }
    @SuppressWarnings("unchecked")
    io.gatling.commons.validation.Success<String> ok =
        (io.gatling.commons.validation.Success<String>) result;
    return ok.value();
  }
}
