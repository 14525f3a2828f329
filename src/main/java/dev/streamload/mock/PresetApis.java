package dev.streamload.mock;

import io.netty.handler.codec.http.HttpMethod;

/** Finds the public API a stream request is for by its method and path. */
final class PresetApis {

  private PresetApis() {}

  /** The API serving {@code method path} (path without the query), or null when none does. */
  static PresetApi find(HttpMethod method, String path) {
    boolean post = method.equals(HttpMethod.POST);
    boolean get = method.equals(HttpMethod.GET);
    if (post && path.equals(AnthropicApi.PATH)) {
      return AnthropicApi.INSTANCE;
    }
    if (post && path.equals(ResponsesApi.PATH)) {
      return ResponsesApi.INSTANCE;
    }
    if (post && GeminiApi.matches(path)) {
      return GeminiApi.INSTANCE;
    }
    if (post && path.equals(DifyApi.PATH)) {
      return DifyApi.INSTANCE;
    }
    if ((post || get) && path.equals(PlainTextApi.PATH)) {
      return PlainTextApi.INSTANCE;
    }
    if (get && path.equals(CumulativeApi.PATH)) {
      return CumulativeApi.INSTANCE;
    }
    return null;
  }
}
