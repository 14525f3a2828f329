package dev.streamload.config;

import dev.streamload.api.ApiProfile;
import dev.streamload.api.ApiProfile.ConversationMode;
import dev.streamload.api.RequestTemplate;
import dev.streamload.api.RequestTemplate.Method;
import dev.streamload.api.Template;
import dev.streamload.api.ValueSource;
import dev.streamload.api.Values;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@link ApiProfile} from the settings (preset layer included): {@code login.*}, {@code
 * conversation.*}, {@code chat.*}. Without a preset the defaults are the project's own dialect, and
 * the old field-name properties ({@code login.usernameField}, {@code chat.promptField}, ...) shape
 * the default bodies. Every problem names its property.
 */
final class ProfileReader {

  /** The most exchanges {@code chat.historyTurns} may keep. */
  static final int MAX_HISTORY_TURNS = 1_000;

  private ProfileReader() {}

  static ApiProfile read(Settings s) {
    Optional<RequestTemplate> login = Optional.empty();
    ValueSource token = new ValueSource(ValueSource.Kind.BODY, "token");
    if (s.bool("login.enabled", true)) {
      String defaultBody =
          "{"
              + jsonKey(s.nonBlank("login.usernameField", "username"))
              + ":#{username.jsonStringify()},"
              + jsonKey(s.nonBlank("login.passwordField", "password"))
              + ":#{password.jsonStringify()}}";
      login = request(s, "login", "POST", "/api/auth/login", defaultBody);
      token = source(s, "login.tokenFrom", s.nonBlank("login.tokenPath", "token"));
    }
    ConversationMode mode =
        s.choice("conversation.mode", ConversationMode.REQUEST, ConversationMode.class);
    Optional<RequestTemplate> conversation = Optional.empty();
    ValueSource id = null;
    String idPath = s.nonBlank("conversation.idPath", "conversationId");
    if (mode == ConversationMode.REQUEST) {
      conversation =
          request(
              s, "conversation", "POST", "/api/conversations", s.string("conversation.body", "{}"));
      id = source(s, "conversation.idFrom", idPath);
    } else if (mode == ConversationMode.ANSWER) {
      id = new ValueSource(ValueSource.Kind.ANSWER, idPath);
      try {
        new dev.streamload.api.AnswerValue(idPath);
      } catch (IllegalArgumentException e) {
        s.problem("conversation.idPath", idPath, e.getMessage());
      }
    }
    String defaultChat =
        "{"
            + jsonKey(s.nonBlank("chat.conversationField", Values.CONVERSATION_ID))
            + ":#{conversationId.jsonStringify()},"
            + jsonKey(s.nonBlank("chat.promptField", Values.PROMPT))
            + ":#{prompt.jsonStringify()}}";
    Optional<RequestTemplate> chat = request(s, "chat", "POST", "/api/chat/stream", defaultChat);
    int history = 0;
    if (s.bool("chat.history", false)) {
      history = s.integer("chat.historyTurns", 20, 1, MAX_HISTORY_TURNS);
    }
    RequestTemplate stream =
        chat.orElseGet(
            () ->
                new RequestTemplate(
                    "chat",
                    Method.POST,
                    Template.inline("chat.path", "/"),
                    Map.of(),
                    Map.of(),
                    Template.inline("chat.body", "")));
    if (conversation.isEmpty() && mode == ConversationMode.REQUEST) {
      // The problem is already recorded; a placeholder keeps the record valid.
      conversation = Optional.of(stream);
    }
    return new ApiProfile(s.presetName(), login, token, mode, conversation, id, stream, history);
  }

  /** {@code "name"} as a JSON member name. */
  static String jsonKey(String name) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(name).toString();
  }

  /** One request: {@code <step>.method}, {@code .path}, {@code .header.<Name>}, {@code .body}. */
  private static Optional<RequestTemplate> request(
      Settings s, String step, String method, String path, String body) {
    String methodText = s.string(step + ".method", method);
    Method m = Method.parse(methodText);
    if (m == null) {
      s.problem(step + ".method", methodText, "GET or POST");
      m = Method.POST;
    }
    String pathText = s.path(step + ".path", path);
    Map<String, Template> headers = new LinkedHashMap<>();
    s.below(step + ".header.")
        .forEach(
            (name, value) -> {
              if (!name.matches(ApiConfig.HEADER_NAME)) {
                s.problem(step + ".header." + name, "<value not shown>", "a valid header name");
              } else {
                headers.put(name, Template.inline(step + ".header." + name, value));
              }
            });
    Map<String, Template> query = new LinkedHashMap<>();
    s.below(step + ".query.")
        .forEach((name, value) -> query.put(name, Template.inline(step + ".query." + name, value)));
    // A GET has no body: a preset's body (for its POST) does not count, only one given by flag.
    String bodyText =
        m == Method.GET
            ? (s.given(step + ".body") ? s.string(step + ".body", "") : "")
            : s.string(step + ".body", body);
    try {
      Template bodyTemplate = Template.of(step + ".body", bodyText);
      RequestTemplate request =
          new RequestTemplate(
              step, m, Template.of(step + ".path", pathText), headers, query, bodyTemplate);
      for (Template t : request.templates()) {
        t.references();
      }
      return Optional.of(request);
    } catch (IllegalArgumentException e) {
      s.problem(e.getMessage());
      return Optional.empty();
    }
  }

  private static ValueSource source(Settings s, String property, String bodyPath) {
    String text = s.string(property, "body");
    try {
      return ValueSource.parse(text, bodyPath);
    } catch (IllegalArgumentException e) {
      s.problem(property, text, e.getMessage());
      return new ValueSource(ValueSource.Kind.BODY, bodyPath);
    }
  }
}
