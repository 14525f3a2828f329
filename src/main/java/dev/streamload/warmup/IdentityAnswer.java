package dev.streamload.warmup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamload.api.ApiProfile;
import dev.streamload.api.RequestTemplate;
import dev.streamload.api.Template;
import dev.streamload.api.ValueSource;
import dev.streamload.config.ApiConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The loopback server's answer to the warm-up's identity requests (login, create conversation): one
 * {@code 200 application/json} response that satisfies every identity step of the profile at once,
 * with a made-up token and conversation id where the profile reads them (a path in the JSON body, a
 * header, a cookie). With it the warm-up runs the run's real identity chain, so that the load's
 * first logins neither run cold nor make the JIT throw away the stream code it compiled (the
 * response decoder is shared by both: a first length-delimited response after only chunked ones
 * de-optimised it, docs/benchmark.md "Cold start").
 *
 * <p>The server tells stream requests from identity requests by Gatling's {@code Accept:
 * text/event-stream}, which every {@code sse()} request carries. Where the answer cannot be made up
 * (a JMESPath that is more than names joined by dots, two paths in each other's way) or the
 * requests cannot be told apart by that header, there is no answer: the warm-up then runs the
 * stream step alone, as before, and says why.
 */
record IdentityAnswer(List<byte[]> responses) {

  /** The made-up token and conversation id (the shortest of {@link #VALUES}). */
  static final String VALUE = "warm-up";

  /**
   * The made-up values, one response each, in turn: from a short id to a 1,000-character token
   * (JWTs are that long), so that the warm-up's stream requests, which carry them in their headers
   * and bodies, come in several sizes as real ones do. With one size only, the first real request
   * larger than every warm-up one took the request encoder down a path the JIT had never seen it
   * take (a buffer that must grow) and made it throw the compiled encoder away.
   */
  static final List<String> VALUES = List.of(VALUE, padded(64), padded(256), padded(1_024));

  private static String padded(int length) {
    return VALUE + "-" + "x".repeat(length - VALUE.length() - 1);
  }

  /** The JMESPaths the warm-up can answer: names joined by dots ({@code data.accessToken}). */
  private static final Pattern DOTTED =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The answer for the identity steps of {@code api}'s profile; empty when it has none (nothing to
   * warm up) or when none can be made up, in which case {@code skipped} is told why.
   */
  static Optional<IdentityAnswer> of(ApiConfig api, Consumer<String> skipped) {
    ApiProfile profile = api.profile();
    List<Source> sources = new ArrayList<>();
    profile.login().ifPresent(t -> sources.add(new Source("login token", profile.token(), t)));
    profile
        .conversation()
        .ifPresent(t -> sources.add(new Source("conversation id", profile.conversationId(), t)));
    if (sources.isEmpty()) {
      return Optional.empty();
    }
    String problem = routing(api, sources);
    List<byte[]> responses = new ArrayList<>();
    for (int i = 0; problem == null && i < VALUES.size(); i++) {
      ObjectNode body = JSON.createObjectNode();
      // Every other response with the headers a real server adds (LoopbackServer.SERVER_HEADERS).
      StringBuilder headers = new StringBuilder(i % 2 == 0 ? "" : LoopbackServer.SERVER_HEADERS);
      problem = fill(sources, VALUES.get(i), body, headers);
      responses.add(response(body.toString(), headers.toString()));
    }
    if (problem != null) {
      skipped.accept(problem);
      return Optional.empty();
    }
    return Optional.of(new IdentityAnswer(List.copyOf(responses)));
  }

  /** Puts {@code value} where each source reads it; the problem, or null. */
  private static String fill(
      List<Source> sources, String value, ObjectNode body, StringBuilder headers) {
    for (Source s : sources) {
      String problem =
          switch (s.source().kind()) {
            case BODY -> put(body, s, value);
            case HEADER -> {
              headers.append(s.source().name()).append(": ").append(value).append("\r\n");
              yield null;
            }
            case COOKIE -> {
              headers
                  .append("Set-Cookie: ")
                  .append(s.source().name())
                  .append('=')
                  .append(value)
                  .append("; Path=/\r\n");
              yield null;
            }
            case ANSWER -> s.what() + " from the answer is not an identity response";
          };
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** One value an identity step reads from its response. */
  private record Source(String what, ValueSource source, RequestTemplate request) {}

  /** Why stream and identity requests could not be told apart by their Accept header, or null. */
  private static String routing(ApiConfig api, List<Source> sources) {
    for (Map.Entry<String, String> h : api.headers().entrySet()) {
      if (h.getKey().equalsIgnoreCase("Accept")) {
        return "target.headers sets Accept for every request";
      }
    }
    String chatAccept = accept(api.profile().chat());
    if (chatAccept != null && !chatAccept.contains("text/event-stream")) {
      return "the stream request sets Accept: " + chatAccept;
    }
    for (Source s : sources) {
      String accept = accept(s.request());
      if (accept != null && accept.contains("text/event-stream")) {
        return "the " + s.request().step() + " request sets Accept: " + accept;
      }
    }
    return null;
  }

  /** The request's own Accept header (its template's text, lower case), or null. */
  private static String accept(RequestTemplate request) {
    for (Map.Entry<String, Template> h : request.headers().entrySet()) {
      if (h.getKey().equalsIgnoreCase("Accept")) {
        return h.getValue().text().toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  /** Puts {@code value} at the source's dotted path in {@code body}; the problem, or null. */
  private static String put(ObjectNode body, Source s, String value) {
    String path = s.source().name();
    if (!DOTTED.matcher(path).matches()) {
      return s.what() + " path '" + path + "' is more than names joined by dots";
    }
    String[] names = path.split("\\.");
    ObjectNode node = body;
    for (int i = 0; i < names.length - 1; i++) {
      JsonNode child = node.get(names[i]);
      if (child == null) {
        node = node.putObject(names[i]);
      } else if (child instanceof ObjectNode object) {
        node = object;
      } else {
        return s.what() + " path '" + path + "' runs through another value";
      }
    }
    if (node.has(names[names.length - 1])) {
      return s.what() + " path '" + path + "' is taken by another value";
    }
    node.put(names[names.length - 1], value);
    return null;
  }

  private static byte[] response(String body, String headers) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: "
                + content.length
                + "\r\n"
                + headers
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(content);
    return out.toByteArray();
  }
}
