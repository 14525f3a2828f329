package dev.streamload.chains;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;

import dev.streamload.api.RequestTemplate;
import dev.streamload.api.Template;
import dev.streamload.api.ValueSource;
import dev.streamload.api.Values;
import dev.streamload.config.ApiConfig;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.gatling.javaapi.http.SseConnectActionBuilder;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a {@link RequestTemplate} into Gatling requests: method, path, headers and body, each a
 * Gatling Expression Language string that Gatling evaluates per user. The token header ({@code
 * auth.header}: {@code auth.scheme #{token}}) is added to the requests that carry it unless the
 * template sets that header itself.
 */
final class Requests {

  private Requests() {}

  /** An HTTP request of the identity chain. */
  static HttpRequestActionBuilder http(
      String name, RequestTemplate t, ApiConfig api, boolean withToken) {
    String path = t.path().text();
    HttpRequestActionBuilder b =
        t.method() == RequestTemplate.Method.GET
            ? io.gatling.javaapi.http.HttpDsl.http(name).get(path)
            : io.gatling.javaapi.http.HttpDsl.http(name).post(path);
    if (withToken && needsAuth(t, api)) {
      b = b.header(api.authHeader(), api.authValue("#{" + Values.TOKEN + "}"));
    }
    for (Map.Entry<String, Template> h : t.headers().entrySet()) {
      b = b.header(h.getKey(), h.getValue().text());
    }
    for (Map.Entry<String, Template> q : t.query().entrySet()) {
      b = b.queryParam(q.getKey(), q.getValue().text());
    }
    if (!t.body().isEmpty()) {
      b = b.body(StringBody(t.body().text()));
      if (!t.hasHeader("Content-Type")) {
        b = b.asJson();
      }
    }
    return b;
  }

  /** The SSE connect of the stream request. */
  static SseConnectActionBuilder sse(String name, RequestTemplate t, ApiConfig api) {
    String path = t.path().text();
    SseConnectActionBuilder b =
        t.method() == RequestTemplate.Method.GET
            ? io.gatling.javaapi.http.HttpDsl.sse(name).get(path)
            : io.gatling.javaapi.http.HttpDsl.sse(name).post(path);
    if (needsAuth(t, api)) {
      b = b.header(api.authHeader(), api.authValue("#{" + Values.TOKEN + "}"));
    }
    for (Map.Entry<String, Template> h : t.headers().entrySet()) {
      b = b.header(h.getKey(), h.getValue().text());
    }
    for (Map.Entry<String, Template> q : t.query().entrySet()) {
      b = b.queryParam(q.getKey(), q.getValue().text());
    }
    if (!t.body().isEmpty()) {
      b = b.body(StringBody(t.body().text()));
      if (!t.hasHeader("Content-Type")) {
        b = b.asJson();
      }
    }
    return b;
  }

  private static boolean needsAuth(RequestTemplate t, ApiConfig api) {
    return !api.authHeader().isBlank() && !t.hasHeader(api.authHeader());
  }

  /** The check that saves a value from where {@code source} says as {@code key}. */
  static CheckBuilder save(ValueSource source, String key) {
    switch (source.kind()) {
      case HEADER:
        return header(source.name()).saveAs(key);
      case COOKIE:
        return headerRegex("Set-Cookie", Pattern.quote(source.name()) + "=([^;]+)").saveAs(key);
      default:
        return jmesPath(source.name()).ofString().saveAs(key);
    }
  }
}
