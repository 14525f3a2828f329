package dev.streamload.mock;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/** The words the mock answers with and the shared pre-encoded event bytes. */
final class MockText {

  private static final String[] WORDS = {
    "Streaming", "answers", "arrive", "one", "small", "fragment", "at", "a", "time", "so", "the",
    "client", "must", "time", "each", "event", "and", "not", "only", "the", "headers", "of",
    "the", "response", "while", "many", "users", "wait", "for", "their", "turn", "on", "a",
    "busy", "mock", "server", "that", "never", "tires"
  };

  /** {@code data: [DONE]} terminal event. */
  static final ByteBuf DONE = shared("data: [DONE]\n\n");

  /** In-stream error event shared by both dialects. */
  static final ByteBuf ERROR_EVENT =
      shared("data: {\"error\":{\"message\":\"mock overloaded\",\"type\":\"server_error\"}}\n\n");

  /** The word the {@link Fault#FORBIDDEN_TEXT} answer carries and no normal answer does. */
  static final String FORBIDDEN_WORD = "forbidden";

  /** Finish reason of a normal answer. */
  static final String STOP = "stop";

  private MockText() {}

  /** Text of fragment {@code index} (0-based), a word followed by one space. */
  static String fragment(int index) {
    return WORDS[index % WORDS.length] + " ";
  }

  /** Number of distinct fragments before the words repeat. */
  static int distinctFragments() {
    return WORDS.length;
  }

  /** The whole answer text of {@code fragments} fragments. */
  static String answer(int fragments) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < fragments; i++) {
      text.append(fragment(i));
    }
    return text.toString();
  }

  /** Number of whitespace-separated words, the mock's token estimate for a prompt. */
  static int countWords(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    return text.trim().split("\\s+").length;
  }

  /**
   * The mock's token estimate for a prompt in any API's shape: the words of the node itself when it
   * is a string, else of every {@code content} or {@code text} string inside it, at least 1.
   */
  static int promptWords(JsonNode node) {
    return Math.max(1, node.isTextual() ? countWords(node.asText()) : wordsInside(node));
  }

  private static int wordsInside(JsonNode node) {
    int words = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      boolean text = field.getKey().equals("content") || field.getKey().equals("text");
      words += text && value.isTextual() ? countWords(value.asText()) : wordsInside(value);
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        words += wordsInside(element);
      }
    }
    return words;
  }

  /** The JSON string literal of {@code text}, quotes included. */
  static String jsonString(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }

  /** UTF-8 bytes of a string. */
  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A fresh buffer holding the UTF-8 bytes of {@code text}, e.g. one event. */
  static ByteBuf buffer(ByteBufAllocator alloc, String text) {
    ByteBuf buffer = alloc.directBuffer(ByteBufUtil.utf8MaxBytes(text));
    ByteBufUtil.writeUtf8(buffer, text);
    return buffer;
  }

  /** One named event: {@code event: <name>}, {@code data: <data>}, blank line. */
  static String namedEvent(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  /**
   * A read-only direct buffer that ignores release, safe to write from any thread through {@link
   * ByteBuf#duplicate()}.
   */
  static ByteBuf shared(String text) {
    byte[] bytes = utf8(text);
    ByteBuf buffer = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    return Unpooled.unreleasableBuffer(buffer.asReadOnly());
  }
}
