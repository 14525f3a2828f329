package dev.streamload.ws;

import dev.streamload.api.Template;
import dev.streamload.config.Settings;
import dev.streamload.config.StreamConfig;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the WebSocket chat is spoken, read once and validated before any load: where to connect, how
 * the token travels, the message template, one socket per conversation or per turn, and how an
 * answer is read ({@link WsReading}).
 *
 * @param url the socket's absolute {@code ws://} or {@code wss://} URL (without the token)
 * @param auth how the login token travels
 * @param tokenParam the query parameter of the token ({@link Auth#QUERY})
 * @param authMessage the first message's template ({@link Auth#MESSAGE}), Gatling EL
 * @param message each turn's message template, Gatling EL
 * @param socket one socket for all turns of a conversation, or one per turn
 * @param reading text, end and error rules of the answer's messages
 * @param preset the preset laid under the flags
 */
public record WsSettings(
    String url,
    Auth auth,
    String tokenParam,
    String authMessage,
    String message,
    Socket socket,
    WsReading reading,
    String preset) {

  /** How the login token reaches the server. */
  public enum Auth {
    /** In a query parameter of the socket URL ({@code ws.tokenParam}). */
    QUERY,
    /** In the {@code auth.header} header of the upgrade request, with {@code auth.scheme}. */
    HEADER,
    /** In a first message ({@code ws.authMessage}) right after the socket opens. */
    MESSAGE
  }

  /** How many turns share one socket. */
  public enum Socket {
    /** All turns of a user's conversation on one socket (a new one after a failed turn). */
    CONVERSATION,
    /** One socket per turn, closed after the answer (or by the server, Spark-style). */
    TURN
  }

  static final String DEFAULT_AUTH_MESSAGE = "{\"type\":\"auth\",\"token\":\"#{token}\"}";

  /**
   * Reads {@code ws.*} and the answer-reading {@code stream.*} properties, the chosen preset laid
   * under them ({@link Settings}' preset layer); every problem goes to {@code s}.
   *
   * @param baseUrl the run's target ({@code target.url} or the embedded mock), for {@code ws.path}
   * @param known the session values a message template may read ({@code RunConfig.chatValues}): a
   *     template that reads another stops the run before any load, as a request template does
   *     (before, every turn's send failed and counted as a connect failure)
   */
  public static WsSettings read(Settings s, String baseUrl, Set<String> known) {
    String url = url(s, baseUrl);
    Auth auth = s.choice("ws.auth", Auth.QUERY, Auth.class);
    String tokenParam = s.nonBlank("ws.tokenParam", "token");
    String authMessage = template(s, "ws.authMessage", DEFAULT_AUTH_MESSAGE);
    String message = template(s, "ws.message", "");
    if (message.isBlank()) {
      s.problem("ws.message", message, "a message template (inline or @file)");
    }
    Socket socket = s.choice("ws.socket", Socket.CONVERSATION, Socket.class);
    if (s.problems().isEmpty()) {
      Template.unknownReference(sent(auth, authMessage, message), known).ifPresent(s::problem);
    }
    WsReading reading = null;
    try {
      reading = WsReading.of(StreamConfig.read(s, false).dialect());
    } catch (IllegalArgumentException e) {
      s.problem(e.getMessage());
    }
    return new WsSettings(
        url,
        auth,
        tokenParam,
        authMessage,
        message,
        socket,
        reading,
        s.presetName().orElse("none"));
  }

  /**
   * The templates the socket sends: each turn's message, and the auth message with {@code message}
   * auth.
   */
  public List<Template> sent() {
    return sent(auth, authMessage, message);
  }

  private static List<Template> sent(Auth auth, String authMessage, String message) {
    Template turn = Template.inline("ws.message", message);
    return auth == Auth.MESSAGE
        ? List.of(turn, Template.inline("ws.authMessage", authMessage))
        : List.of(turn);
  }

  private static String url(Settings s, String baseUrl) {
    String given = s.string("ws.url", "");
    if (!given.isEmpty()) {
      String lower = given.toLowerCase(Locale.ROOT);
      if (!lower.startsWith("ws://") && !lower.startsWith("wss://")) {
        s.problem("ws.url", given, "an absolute ws:// or wss:// URL");
      }
      return given;
    }
    String path = s.string("ws.path", "/ws/chat");
    if (!path.startsWith("/")) {
      s.problem("ws.path", path, "a path starting with /");
    }
    String base = baseUrl.replaceFirst("(?i)^http", "ws");
    return base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path;
  }

  private static String template(Settings s, String property, String def) {
    try {
      return Template.of(property, s.string(property, def)).text();
    } catch (IllegalArgumentException e) {
      s.problem(e.getMessage());
      return def;
    }
  }

  /** One line for the console: URL, auth, socket mode, end rule, preset. */
  public String describe() {
    return url
        + ", token by "
        + auth.name().toLowerCase(Locale.ROOT)
        + ", one socket per "
        + socket.name().toLowerCase(Locale.ROOT)
        + ", end "
        + (reading == null ? "?" : reading.describe())
        + ", preset "
        + preset;
  }
}
