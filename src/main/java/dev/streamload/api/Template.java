package dev.streamload.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request part (path, header value or body) as a Gatling Expression Language string: {@code
 * #{prompt}}, {@code #{prompt.jsonStringify()}} (the value as a JSON string literal, quotes and
 * escapes included), {@code #{conversationId}}, any feeder column. The text is given inline or,
 * with a leading {@code @}, as a file: {@code @templates/anthropic.json} is looked up on the
 * classpath (src/test/resources), then as a path. Gatling compiles and evaluates the text; this
 * class only loads it and names the session values it references, so that a reference to a value no
 * step sets is refused before any load starts.
 *
 * @param property the property that set it, e.g. {@code chat.body} (for messages)
 * @param text the Expression Language text
 * @param source where the text came from: "inline" or the file
 */
public record Template(String property, String text, String source) {

  /** {@code #{...}}: Gatling's dynamic part (no nesting in Gatling's EL). */
  private static final Pattern PART = Pattern.compile("#\\{([^}]*)}");

  /** The attribute name a dynamic part starts with; the rest is functions and indexes. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  /** Gatling's built-in dynamic parts that read no session value. */
  private static final Set<String> BUILT_INS =
      Set.of("currentTimeMillis()", "currentDate(", "randomSecureUuid()", "randomUuid()");

  public Template {
    if (text == null) {
      throw new IllegalArgumentException(property + ": template text must not be null");
    }
  }

  /** An inline template. */
  public static Template inline(String property, String text) {
    return new Template(property, text, "inline");
  }

  /**
   * The template {@code value} of {@code property}: inline, or the file named after a leading
   * {@code @}.
   *
   * @throws IllegalArgumentException naming the property and the file when it cannot be read
   */
  public static Template of(String property, String value) {
    if (!value.startsWith("@")) {
      return inline(property, value);
    }
    String name = value.substring(1).trim();
    try {
      Optional<String> text = read(name);
      if (text.isEmpty()) {
        throw new IllegalArgumentException(
            property
                + " = '"
                + value
                + "': template file not found (looked for it on the classpath, i.e."
                + " src/test/resources, and as a path from "
                + Path.of("").toAbsolutePath()
                + ")");
      }
      return new Template(property, text.get().strip(), name);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          property + " = '" + value + "': the template file cannot be read (" + e + ")", e);
    }
  }

  private static Optional<String> read(String name) throws IOException {
    try (InputStream in = Template.class.getClassLoader().getResourceAsStream(name)) {
      if (in != null) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    Path path = Path.of(name);
    return Files.isRegularFile(path)
        ? Optional.of(Files.readString(path, StandardCharsets.UTF_8))
        : Optional.empty();
  }

  /** True when the text is empty (e.g. no body). */
  public boolean isEmpty() {
    return text.isEmpty();
  }

  /** True when the text has no dynamic part: Gatling sends it as it is. */
  public boolean isStatic() {
    return !PART.matcher(text).find();
  }

  /**
   * The session values the text reads, in order of first use: the attribute name each {@code
   * #{...}} starts with ({@code prompt} for {@code #{prompt.jsonStringify()}}, {@code messages} for
   * {@code #{messages(0)}}); Gatling's built-ins ({@code #{currentTimeMillis()}}) are left out.
   *
   * @throws IllegalArgumentException naming the property when a part has no attribute name or a
   *     {@code #{} is never closed
   */
  public Set<String> references() {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PART.matcher(text);
    int end = 0;
    while (m.find()) {
      checkUnclosed(text.substring(end, m.start()));
      end = m.end();
      checkUnclosed(m.group(1));
      String part = m.group(1).trim();
      if (BUILT_INS.stream().anyMatch(part::startsWith)) {
        continue;
      }
      Matcher name = NAME.matcher(part);
      if (!name.lookingAt()) {
        throw new IllegalArgumentException(
            where() + ": '#{" + m.group(1) + "}' does not start with a session value name");
      }
      names.add(name.group());
    }
    checkUnclosed(text.substring(end));
    return names;
  }

  private void checkUnclosed(String between) {
    if (between.contains("#{")) {
      throw new IllegalArgumentException(where() + ": a '#{' is never closed by '}'");
    }
  }

  /**
   * The first of {@code templates} that references a value outside {@code known}, as a message
   * naming the template and the value; empty when every reference is known.
   */
  public static Optional<String> unknownReference(List<Template> templates, Set<String> known) {
    for (Template t : templates) {
      Set<String> missing = new LinkedHashSet<>(t.references());
      missing.removeAll(known);
      if (!missing.isEmpty()) {
        return Optional.of(
            t.where()
                + " references #{"
                + missing.iterator().next()
                + "}, which no step, feeder or setting provides (known here: "
                + String.join(", ", new TreeSet<>(known))
                + ")");
      }
    }
    return Optional.empty();
  }

  /** The property and, for a file, the file: for messages. */
  public String where() {
    return "inline".equals(source) ? property : property + " (" + source + ")";
  }
}
