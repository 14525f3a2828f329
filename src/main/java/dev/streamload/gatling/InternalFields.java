package dev.streamload.gatling;

import java.lang.reflect.Field;

/**
 * The private fields of Gatling 3.16.0 that {@link SseInternals} and {@link WsInternals} read,
 * opened once each; a field that is gone fails the run at class loading with a message that says
 * what to pin, rather than with a bare reflection error mid-run.
 */
final class InternalFields {

  private InternalFields() {}

  /**
   * The declared field {@code name} of {@code type}, made accessible.
   *
   * @param reader the adapter class that reads it (named in the error)
   */
  static Field field(Class<?> type, String name, Class<?> reader) {
    try {
      Field f = type.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(
          "Gatling internals changed: "
              + type.getName()
              + "."
              + name
              + " is gone. "
              + reader.getName()
              + " is written for Gatling 3.16.0; pin gatling.version to 3.16.0 in pom.xml or adapt"
              + " this class.",
          e);
    }
  }

  /** The value of an opened field. */
  static Object get(Field field, Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + field, e);
    }
  }
}
