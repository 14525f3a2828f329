package dev.streamload.chains;

/** Session attribute names shared by the chains. */
public final class Keys {

  /** Login token (secret: never logged). */
  public static final String TOKEN = "token";

  /** Conversation id from the conversation endpoint. */
  public static final String CONVERSATION_ID = "conversationId";

  private Keys() {}
}
