package dev.streamload.gatling;

import io.gatling.commons.validation.Failure;
import io.gatling.commons.validation.Success;
import io.gatling.commons.validation.Validation;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.internal.Expressions;
import java.util.function.Function;
import scala.Function1;

/**
 * A Gatling Expression Language string ({@code #{prompt.jsonStringify()}}, {@code #{token}})
 * compiled once and evaluated as a plain Java function, for a message that must be built inside a
 * function of our own (the WebSocket send stamps its time right after building the message).
 * Gatling's Java DSL compiles EL strings through an internal class; this adapter is the one user.
 */
public final class ElTemplate implements Function<Session, String> {

  private final String source;
  private final Function1<io.gatling.core.session.Session, Validation<String>> expression;

  /**
   * Compiles {@code el}.
   *
   * @throws IllegalArgumentException naming {@code property} when Gatling rejects the expression
   */
  public ElTemplate(String property, String el) {
    this.source = el;
    try {
      this.expression = Expressions.toStringExpression(el);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          property + ": not a valid Gatling EL template: " + e.getMessage(), e);
    }
  }

  /**
   * The message for this session; a missing attribute fails with Gatling's message (e.g. "No
   * attribute named 'prompt' is defined").
   */
  @Override
  public String apply(Session session) {
    Validation<String> value = expression.apply(session.asScala());
    if (value instanceof Success) {
      return ((Success<String>) value).value();
    }
    throw new IllegalStateException(((Failure) (Object) value).message());
  }

  @Override
  public String toString() {
    return source;
  }
}
