package dev.streamload.config;

import dev.streamload.api.ApiProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that differs between real chat APIs: the target, the requests of the identity chain
 * and the stream ({@link ApiProfile}, from the preset and the flags), and which headers to send.
 *
 * @param baseUrl target, e.g. https://chat.example.com; empty = start the embedded mock
 * @param authHeader header that carries the token or API key on the conversation and stream
 *     requests; empty: none is added (a template may still send {@code #{token}})
 * @param authScheme prefix of that header's value ("Bearer"); empty = the raw token
 * @param headers extra headers sent with every request (values may be secret: never logged)
 * @param requestIdHeader header carrying the unique id of each stream request
 * @param model {@code #{model}}, e.g. the {@code model} of an OpenAI request
 * @param maxTokens {@code #{maxTokens}} (0: the template gets {@code null})
 * @param includeUsage {@code #{includeUsage}}: ask an OpenAI server for a final usage chunk
 * @param profile the requests: login, conversation, stream
 */
public record ApiConfig(
    Optional<String> baseUrl,
    String authHeader,
    String authScheme,
    Map<String, String> headers,
    String requestIdHeader,
    String model,
    int maxTokens,
    boolean includeUsage,
    ApiProfile profile) {

  /** Header name syntax (RFC 9110 token). */
  static final String HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

  public ApiConfig {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static ApiConfig read(Settings s) {
    return new ApiConfig(
        s.url("target.url"),
        s.string("auth.header", "Authorization"),
        s.string("auth.scheme", "Bearer"),
        headers(s),
        s.nonBlank("requestId.header", "X-Request-Id"),
        s.nonBlank("model", "mock-model"),
        s.integer("maxTokens", 0, 0, 10_000_000),
        s.bool("includeUsage", true),
        ProfileReader.read(s));
  }

  /** {@code #{maxTokens}}: the number, or {@code null} when 0 (not limited). */
  public String maxTokensValue() {
    return maxTokens > 0 ? Integer.toString(maxTokens) : "null";
  }

  /** The value of the auth header for a token or key, e.g. "Bearer abc". */
  public String authValue(String secret) {
    return authScheme.isEmpty() ? secret : authScheme + " " + secret;
  }

  /**
   * {@code url} without user info ({@code user:password@}), query or fragment: safe to print and to
   * write into {@code summary.json}.
   */
  public static String withoutCredentials(String url) {
    try {
      java.net.URI u = new java.net.URI(url);
      return new java.net.URI(
              u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null)
          .toString();
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return "<unprintable URL>";
    }
  }

  /** Header names only: safe to print. */
  public List<String> headerNames() {
    return List.copyOf(headers.keySet());
  }

  /** Parses {@code target.headers}: "Name: value; Other: value". */
  static Map<String, String> headers(Settings s) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = s.string("target.headers", "");
    if (raw.isBlank()) {
      return out;
    }
    for (String part : raw.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int colon = part.indexOf(':');
      String name = colon < 0 ? "" : part.substring(0, colon).trim();
      if (colon < 0 || name.isEmpty() || !name.matches(HEADER_NAME)) {
        // Do not echo the value: it may hold a secret.
        s.problem(
            "target.headers: entry '"
                + (colon < 0 ? "<no colon>" : name)
                + "' is not 'Name: value' (entries are separated by ';')");
        continue;
      }
      out.put(name, part.substring(colon + 1).trim());
    }
    return out;
  }

  @Override
  public String toString() {
    // Header values may be secrets: only names are ever printed.
    return "ApiConfig[baseUrl="
        + baseUrl.orElse("<embedded mock>")
        + ", headers="
        + headerNames()
        + "]";
  }
}
