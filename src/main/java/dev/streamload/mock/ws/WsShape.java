package dev.streamload.mock.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two WebSocket chat protocols the mock speaks, each a way of writing one answer as text
 * frames.
 *
 * <ul>
 *   <li>{@link #JSON} ({@code /ws/chat}): {@code {"type":"delta","text":"word "}} per fragment,
 *       then {@code {"type":"done","usage":{"output_tokens":n},"finish_reason":"stop"}}; the socket
 *       stays open for the next message. An error is {@code {"type":"error","error":{...}}}.
 *   <li>{@link #SPARK} ({@code /ws/spark}), after iFlytek Spark: {@code
 *       {"header":{"code":0,"message":"Success","sid":..,"status":s},"payload":{"choices":{"status":s,"seq":i,"text":[{"content":"word
 *       ","role":"assistant","index":0}]}}}} with {@code status} 0 on the first frame, 1 after and
 *       2 on the last, which carries the last fragment and {@code payload.usage.text}; the server
 *       closes the socket (1000) after it. An error is a frame with {@code header.code != 0} and
 *       {@code status} 2, then the close.
 * </ul>
 */
public enum WsShape {
  /** JSON delta protocol, several turns per socket. */
  JSON("/ws/chat", false),
  /** iFlytek-Spark-style frames, the server closes after the last one. */
  SPARK("/ws/spark", true);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String path;
  private final boolean closesAfterAnswer;

  WsShape(String path, boolean closesAfterAnswer) {
    this.path = path;
    this.closesAfterAnswer = closesAfterAnswer;
  }

  /** The upgrade path of this shape. */
  public String path() {
    return path;
  }

  /** True when the server closes the socket after each answer. */
  public boolean closesAfterAnswer() {
    return closesAfterAnswer;
  }

  /** The shape served at {@code path}, or null. */
  public static WsShape at(String path) {
    for (WsShape shape : values()) {
      if (shape.path.equals(path)) {
        return shape;
      }
    }
    return null;
  }

  /**
   * Fragment {@code index} of an answer; in the Spark shape {@code last} makes it the status-2
   * frame that ends the answer (with the usage).
   */
  String fragment(String sid, int index, String text, boolean last, int usageTokens) {
    if (this == JSON) {
      ObjectNode frame = MAPPER.createObjectNode();
      frame.put("type", "delta");
      frame.put("text", text);
      return frame.toString();
    }
    int status = last ? 2 : index == 0 ? 0 : 1;
    return spark(sid, 0, "Success", status, index, text, last ? usageTokens : -1);
  }

  /** True when the last fragment itself ends the answer (Spark), so no {@link #done} follows. */
  boolean lastFragmentEnds() {
    return this == SPARK;
  }

  /** The end of an answer without a fragment of its own (JSON; Spark: an empty status-2 frame). */
  String done(String sid, int seq, int usageTokens, String finishReason) {
    if (this == JSON) {
      ObjectNode frame = MAPPER.createObjectNode();
      frame.put("type", "done");
      frame.putObject("usage").put("output_tokens", usageTokens);
      frame.put("finish_reason", finishReason);
      return frame.toString();
    }
    return spark(sid, 0, "Success", 2, seq, "", usageTokens);
  }

  /** An in-stream error frame. */
  String error(String sid, String message) {
    if (this == JSON) {
      ObjectNode frame = MAPPER.createObjectNode();
      frame.put("type", "error");
      frame.putObject("error").put("code", "mock_error").put("message", message);
      return frame.toString();
    }
    ObjectNode frame = MAPPER.createObjectNode();
    frame
        .putObject("header")
        .put("code", 10013)
        .put("message", message)
        .put("sid", sid)
        .put("status", 2);
    return frame.toString();
  }

  /** A frame that is not valid JSON. */
  String malformed() {
    return this == JSON
        ? "{\"type\":\"delta\",\"text\":\"broken"
        : "{\"header\":{\"code\":0,\"status\":1},\"payload\":{\"choices\"";
  }

  private static String spark(
      String sid, int code, String message, int status, int seq, String text, int usageTokens) {
    ObjectNode frame = MAPPER.createObjectNode();
    frame
        .putObject("header")
        .put("code", code)
        .put("message", message)
        .put("sid", sid)
        .put("status", status);
    ObjectNode payload = frame.putObject("payload");
    ObjectNode choices = payload.putObject("choices");
    choices.put("status", status).put("seq", seq);
    choices
        .putArray("text")
        .addObject()
        .put("content", text)
        .put("role", "assistant")
        .put("index", 0);
    if (usageTokens >= 0) {
      payload
          .putObject("usage")
          .putObject("text")
          .put("completion_tokens", usageTokens)
          .put("total_tokens", usageTokens);
    }
    return frame.toString();
  }
}
