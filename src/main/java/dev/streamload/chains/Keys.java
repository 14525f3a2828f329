package dev.streamload.chains;

import dev.streamload.run.StreamloadRun;

/** Session attribute names shared by the chains. */
public final class Keys {

  /** Login token (secret: never logged, and removed from failure details by the run). */
  public static final String TOKEN = StreamloadRun.TOKEN_KEY;

  /** Conversation id from the conversation endpoint or the first answer. */
  public static final String CONVERSATION_ID = dev.streamload.api.Values.CONVERSATION_ID;

  /** This user's {@link dev.streamload.api.History}. */
  public static final String HISTORY = StreamloadRun.HISTORY;

  /** The {@link dev.streamload.api.AnswerValue} reading the conversation id from an answer. */
  public static final String ANSWER_VALUE = "streamload.answerValue";

  private Keys() {}
}
