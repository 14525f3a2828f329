package dev.streamload.api;

import java.util.Set;

/**
 * The session values request templates can read ({@code #{name}}), besides the feeder columns. Each
 * is set by the step named in its comment.
 */
public final class Values {

  /** The prompt of this turn (prompt source). */
  public static final String PROMPT = "prompt";

  /** Login token, or the API key when there is no login (secret). */
  public static final String TOKEN = "token";

  /** Conversation id (conversation step or the first answer; empty before the first answer). */
  public static final String CONVERSATION_ID = "conversationId";

  /** Account name and password (accounts feeder, with a login step). */
  public static final String USERNAME = "username";

  public static final String PASSWORD = "password";

  /** {@code model}, {@code maxTokens} (a number, or null when 0), {@code includeUsage}. */
  public static final String MODEL = "model";

  public static final String MAX_TOKENS = "maxTokens";

  public static final String INCLUDE_USAGE = "includeUsage";

  /** Unique id of this stream request (also in the request-id header and streams.jsonl). */
  public static final String REQUEST_ID = "requestId";

  /** This user's turn, 1 for its first stream. */
  public static final String TURN = "turn";

  /** A stable name of the virtual user ({@code username} if fed, else {@code streamload-<id>}). */
  public static final String USER = "user";

  /**
   * The conversation so far plus this prompt as a JSON array {@code [{"role":"user","content":..}]}
   * (OpenAI, Anthropic); raw JSON, insert it as {@code #{messages}}.
   */
  public static final String MESSAGES = "messages";

  /** The same in Gemini's shape: {@code [{"role":"user","parts":[{"text":..}]}]}. */
  public static final String CONTENTS = "contents";

  /** The prompt's length in chars (UTF-16). */
  public static final String PROMPT_CHARS = "promptChars";

  /** Values every stream request can read. */
  public static final Set<String> ALWAYS =
      Set.of(
          PROMPT,
          TOKEN,
          MODEL,
          MAX_TOKENS,
          INCLUDE_USAGE,
          REQUEST_ID,
          TURN,
          USER,
          MESSAGES,
          CONTENTS,
          PROMPT_CHARS);

  private Values() {}
}
