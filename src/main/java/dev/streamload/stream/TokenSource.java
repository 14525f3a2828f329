package dev.streamload.stream;

/** Where a stream's output-token count comes from. */
public enum TokenSource {
  /** The server's usage member ({@code usage.completion_tokens} and the like). */
  USAGE("usage"),
  /**
   * Fallback when the server sent no usage: the number of text fragments (TEXT events), which
   * undercounts when a fragment carries several tokens.
   */
  FRAGMENTS("fragments");

  private final String wireName;

  TokenSource(String wireName) {
    this.wireName = wireName;
  }

  /** Stable lowercase name for reports and files. */
  public String wireName() {
    return wireName;
  }
}
