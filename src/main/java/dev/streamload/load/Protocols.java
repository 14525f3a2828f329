package dev.streamload.load;

import static io.gatling.javaapi.http.HttpDsl.http;

import dev.streamload.run.StreamloadRun;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/** The HTTP protocol every simulation uses. */
public final class Protocols {

  private Protocols() {}

  /** Base URL, extra headers, JSON accept; no warm-up request (it would go to gatling.io). */
  public static HttpProtocolBuilder http(StreamloadRun run) {
    return http(run, run.baseUrl());
  }

  /** The same protocol against another base URL (the loopback warm-up's server). */
  public static HttpProtocolBuilder http(StreamloadRun run, String baseUrl) {
    return http.baseUrl(baseUrl)
        .headers(run.config().api().headers())
        .acceptHeader("application/json")
        .userAgentHeader("streamload (Gatling)")
        .disableWarmUp();
  }
}
