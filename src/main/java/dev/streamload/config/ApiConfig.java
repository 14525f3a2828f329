package dev.streamload.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that differs between real chat APIs: where the endpoints are, which JSON fields carry
 * what, and which extra headers to send.
 *
 * @param baseUrl target, e.g. https://chat.example.com; empty = start the embedded mock
 * @param loginPath POST endpoint that turns an account into a token
 * @param usernameField login body field for the user name
 * @param passwordField login body field for the password
 * @param tokenPath JMESPath of the token in the login response
 * @param conversationPath POST endpoint that creates a conversation
 * @param conversationBody JSON body sent to create a conversation
 * @param conversationIdPath JMESPath of the conversation id in that response
 * @param chatPath POST endpoint that streams the answer (project dialect)
 * @param conversationField chat body field for the conversation id
 * @param promptField chat body field for the prompt
 * @param authHeader header that carries the token or API key
 * @param authScheme prefix of that header's value ("Bearer"); empty = the raw token
 * @param headers extra headers sent with every request (values may be secret: never logged)
 * @param requestIdHeader header carrying the unique id of each stream request
 * @param openAiPath POST endpoint of the OpenAI-compatible dialect
 * @param model model name sent in OpenAI mode
 * @param maxTokens max_tokens sent in OpenAI mode (0 = not sent)
 * @param includeUsage ask an OpenAI server for a final usage chunk (stream_options.include_usage)
 */
public record ApiConfig(
    Optional<String> baseUrl,
    String loginPath,
    String usernameField,
    String passwordField,
    String tokenPath,
    String conversationPath,
    String conversationBody,
    String conversationIdPath,
    String chatPath,
    String conversationField,
    String promptField,
    String authHeader,
    String authScheme,
    Map<String, String> headers,
    String requestIdHeader,
    String openAiPath,
    String model,
    int maxTokens,
    boolean includeUsage) {

  public ApiConfig {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static ApiConfig read(Settings s) {
    return new ApiConfig(
        s.url("target.url"),
        s.path("login.path", "/api/auth/login"),
        s.nonBlank("login.usernameField", "username"),
        s.nonBlank("login.passwordField", "password"),
        s.nonBlank("login.tokenPath", "token"),
        s.path("conversation.path", "/api/conversations"),
        s.string("conversation.body", "{}"),
        s.nonBlank("conversation.idPath", "conversationId"),
        s.path("chat.path", "/api/chat/stream"),
        s.nonBlank("chat.conversationField", "conversationId"),
        s.nonBlank("chat.promptField", "prompt"),
        s.nonBlank("auth.header", "Authorization"),
        s.string("auth.scheme", "Bearer"),
        headers(s),
        s.nonBlank("requestId.header", "X-Request-Id"),
        s.path("openai.path", "/v1/chat/completions"),
        s.nonBlank("openai.model", "mock-model"),
        s.integer("openai.maxTokens", 0, 0, 1_000_000),
        s.bool("openai.includeUsage", true));
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
      if (colon < 0 || name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
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
