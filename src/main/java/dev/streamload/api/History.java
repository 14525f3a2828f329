package dev.streamload.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One virtual user's conversation for APIs without server-side conversations: the message array
 * sent with each turn grows by the prompt and the answer of every turn that got one. Only the last
 * {@code maxTurns} exchanges are kept, so a long closed-model run stays bounded. Without history
 * ({@code maxTurns == 0}) each turn sends its prompt alone. Not thread-safe: one per user, and a
 * user runs one turn at a time.
 */
public final class History {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int maxTurns;
  private final Deque<String[]> exchanges = new ArrayDeque<>();

  /** A history keeping the last {@code maxTurns} exchanges (0: none). */
  public History(int maxTurns) {
    if (maxTurns < 0) {
      throw new IllegalArgumentException("maxTurns must be >= 0, got " + maxTurns);
    }
    this.maxTurns = maxTurns;
  }

  /** True when this history keeps answers (and so needs each answer's text). */
  public boolean keeps() {
    return maxTurns > 0;
  }

  /** Exchanges kept so far. */
  public int size() {
    return exchanges.size();
  }

  /** Adds a finished turn; a turn without answer text (failed, empty) is not kept. */
  public void answered(String prompt, String answer) {
    if (maxTurns == 0 || prompt == null || answer == null || answer.isEmpty()) {
      return;
    }
    exchanges.addLast(new String[] {prompt, answer});
    while (exchanges.size() > maxTurns) {
      exchanges.removeFirst();
    }
  }

  /** OpenAI / Anthropic shape: {@code [{"role":"user","content":..},{"role":"assistant",..}]}. */
  public String messages(String prompt) {
    ArrayNode out = JSON.createArrayNode();
    for (String[] e : exchanges) {
      out.addObject().put("role", "user").put("content", e[0]);
      out.addObject().put("role", "assistant").put("content", e[1]);
    }
    out.addObject().put("role", "user").put("content", prompt);
    return out.toString();
  }

  /** Gemini shape: {@code [{"role":"user","parts":[{"text":..}]},{"role":"model",..}]}. */
  public String contents(String prompt) {
    ArrayNode out = JSON.createArrayNode();
    for (String[] e : exchanges) {
      part(out, "user", e[0]);
      part(out, "model", e[1]);
    }
    part(out, "user", prompt);
    return out.toString();
  }

  private static void part(ArrayNode out, String role, String text) {
    out.addObject().put("role", role).putArray("parts").addObject().put("text", text);
  }
}
