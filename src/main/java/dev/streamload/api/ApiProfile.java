package dev.streamload.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of one API, read once from the preset and the flags: which identity steps run, what
 * each request looks like, where the token and the conversation id come from. The chains are built
 * from it, so a new API is a new preset file, not new code.
 *
 * @param preset the preset it came from, or empty
 * @param login the login request, or empty (no login: the token is the API key)
 * @param token where the login response carries the token
 * @param conversationMode how the conversation id comes about
 * @param conversation the conversation request (mode {@code request} only)
 * @param conversationId where the conversation id is: in the conversation response (body, header)
 *     or in the first answer's events (answer); null with mode {@code none}
 * @param chat the stream request
 * @param historyTurns exchanges of the conversation sent with each turn in {@code #{messages}} /
 *     {@code #{contents}} (0: the prompt alone)
 */
public record ApiProfile(
    Optional<String> preset,
    Optional<RequestTemplate> login,
    ValueSource token,
    ConversationMode conversationMode,
    Optional<RequestTemplate> conversation,
    ValueSource conversationId,
    RequestTemplate chat,
    int historyTurns) {

  /** How a conversation id comes about. */
  public enum ConversationMode {
    /** A request creates the conversation before the first turn. */
    REQUEST,
    /** No request: the first answer's events carry the id, later turns send it. */
    ANSWER,
    /** No conversation id at all. */
    NONE
  }

  public ApiProfile {
    if (conversationMode == ConversationMode.REQUEST && conversation.isEmpty()) {
      throw new IllegalArgumentException("conversation.mode=request needs a conversation request");
    }
    if (conversationMode != ConversationMode.NONE && conversationId == null) {
      throw new IllegalArgumentException(
          "conversation.mode=" + conversationMode + " needs a conversation id source");
    }
  }

  /** True when each turn sends the conversation so far. */
  public boolean history() {
    return historyTurns > 0;
  }

  /**
   * The first reference to a value that no step provides, as a message naming the template and the
   * value; empty when every template is fine.
   *
   * @param accountColumns the accounts feeder's columns (with a login step)
   * @param promptColumns the prompt source's columns
   */
  public Optional<String> unknownReference(Set<String> accountColumns, Set<String> promptColumns) {
    if (login.isPresent()) {
      String problem = login.get().unknownReference(loginValues(accountColumns));
      if (problem != null) {
        return Optional.of(problem);
      }
    }
    if (conversation.isPresent()) {
      String problem = conversation.get().unknownReference(conversationValues(accountColumns));
      if (problem != null) {
        return Optional.of(problem);
      }
    }
    return Optional.ofNullable(chat.unknownReference(chatValues(accountColumns, promptColumns)));
  }

  /** What the login may read: the settings' values and, with a login step, the account. */
  private Set<String> loginValues(Set<String> accountColumns) {
    Set<String> known =
        new LinkedHashSet<>(
            List.of(Values.MODEL, Values.MAX_TOKENS, Values.INCLUDE_USAGE, Values.USER));
    if (login.isPresent()) {
      known.addAll(accountColumns);
    }
    return known;
  }

  /** What the conversation step may read: the login's values and the token. */
  private Set<String> conversationValues(Set<String> accountColumns) {
    Set<String> known = loginValues(accountColumns);
    known.add(Values.TOKEN);
    return known;
  }

  /**
   * The values a template of the stream step may read (the chat request's, a WebSocket message's):
   * the conversation step's values, the conversation id unless there is none, the values every turn
   * sets and the prompt source's columns.
   */
  public Set<String> chatValues(Set<String> accountColumns, Set<String> promptColumns) {
    Set<String> known = conversationValues(accountColumns);
    if (conversationMode != ConversationMode.NONE) {
      known.add(Values.CONVERSATION_ID);
    }
    known.addAll(Values.ALWAYS);
    known.addAll(promptColumns);
    return Set.copyOf(known);
  }

  /** For the start line: the steps, e.g. {@code login -> conversation -> POST /v1/messages}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    login.ifPresent(l -> sb.append("login (token from ").append(token.describe()).append(") -> "));
    conversation.ifPresent(c -> sb.append("conversation -> "));
    sb.append(chat.method()).append(' ').append(pathOnly(chat.path().text()));
    if (conversationMode == ConversationMode.ANSWER) {
      sb.append(" (conversation id from the first answer's ")
          .append(conversationId.name())
          .append(')');
    }
    if (history()) {
      sb.append(", history of up to ").append(historyTurns).append(" turns");
    }
    return sb.toString();
  }

  /** The path without its query string (which may hold a key). */
  static String pathOnly(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }
}
