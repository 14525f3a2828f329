package dev.streamload.chains;

import dev.streamload.run.StreamloadRun;

/** Session attribute names shared by the chains. */
public final class Keys {

  /** Login token (secret: never logged, and removed from failure details by the run). */
  public static final String TOKEN = StreamloadRun.TOKEN_KEY;

  /** Conversation id from the conversation endpoint. */
  public static final String CONVERSATION_ID = "conversationId";

  private Keys() {}
}
