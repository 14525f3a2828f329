package dev.streamload.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One request of the API profile (login, conversation or the stream), all parts templates: method,
 * path with its query string, headers, body.
 *
 * @param step the step's property prefix: {@code login}, {@code conversation} or {@code chat}
 * @param method GET or POST
 * @param path the path and query, e.g. {@code
 *     /v1beta/models/#{model}:streamGenerateContent?alt=sse}
 * @param headers header name to value template, sent in this order
 * @param query query parameter name to value template, URL-encoded by Gatling and added to the
 *     path's own query string
 * @param body the body; empty: no body (always empty for GET)
 */
public record RequestTemplate(
    String step,
    Method method,
    Template path,
    Map<String, Template> headers,
    Map<String, Template> query,
    Template body) {

  /** The two methods a chat API's requests use. */
  public enum Method {
    GET,
    POST;

    /** Parses {@code get}/{@code POST}; {@code null} for anything else. */
    public static Method parse(String text) {
      for (Method m : values()) {
        if (m.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
          return m;
        }
      }
      return null;
    }
  }

  public RequestTemplate {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    if (method == Method.GET && !body.isEmpty()) {
      throw new IllegalArgumentException(
          step
              + ".body: a GET request has no body; set "
              + step
              + ".method=POST or empty the body");
    }
  }

  /** Every template of the request: path, header values, query values, body. */
  public List<Template> templates() {
    List<Template> all = new java.util.ArrayList<>();
    all.add(path);
    all.addAll(headers.values());
    all.addAll(query.values());
    all.add(body);
    return all;
  }

  /** True when a header of that name (any case) is among the headers. */
  public boolean hasHeader(String name) {
    return headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(name));
  }

  /**
   * The first template that references a value outside {@code known}, as a message naming the
   * template and the value; null when every reference is known.
   */
  public String unknownReference(Set<String> known) {
    return Template.unknownReference(templates(), known).orElse(null);
  }
}
