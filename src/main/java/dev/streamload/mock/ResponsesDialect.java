package dev.streamload.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * OpenAI Responses events, each with an {@code event:} line and the same name in the data's {@code
 * type}, numbered by {@code sequence_number}: {@code response.created}, {@code
 * response.in_progress}, {@code response.output_item.added}, {@code response.content_part.added},
 * one {@code response.output_text.delta} per fragment, {@code response.output_text.done}, {@code
 * response.content_part.done}, {@code response.output_item.done}, then {@code response.completed}
 * with {@code response.usage} ({@code response.incomplete} with {@code incomplete_details.reason}
 * when the answer was cut by the token limit or a filter); no {@code [DONE]}. An in-stream error is
 * an {@code error} event followed by {@code response.failed}.
 */
final class ResponsesDialect implements SseDialect {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OUTPUT_TEXT = "output_text";
  private static final String MESSAGE = "message";

  private final String responseId;
  private final String itemId;
  private final long createdEpochSeconds;
  private final String model;
  private final int inputTokens;
  private final StringBuilder text = new StringBuilder();
  private int sequenceNumber;
  private String finishReason = MockText.STOP;

  /**
   * Prepares one stream.
   *
   * @param sequence the mock's request sequence, making the {@code resp_} and {@code msg_} ids
   * @param createdEpochSeconds {@code created_at}, seconds since the epoch
   * @param model the model echoed from the request
   * @param inputTokens the prompt token estimate reported in usage
   */
  ResponsesDialect(long sequence, long createdEpochSeconds, String model, int inputTokens) {
    this.responseId = "resp_mock" + sequence;
    this.itemId = "msg_mock" + sequence;
    this.createdEpochSeconds = createdEpochSeconds;
    this.model = model;
    this.inputTokens = inputTokens;
  }

  @Override
  public int openingCount() {
    return 4;
  }

  @Override
  public ByteBuf opening(ByteBufAllocator alloc, int index) {
    return switch (index) {
      case 0 -> event(alloc, "response.created", withResponse(response("in_progress")));
      case 1 -> event(alloc, "response.in_progress", withResponse(response("in_progress")));
      case 2 -> {
        ObjectNode data = JSON.createObjectNode().put("output_index", 0);
        data.set("item", item("in_progress", false));
        yield event(alloc, "response.output_item.added", data);
      }
      case 3 -> {
        ObjectNode data = contentRef();
        data.set("part", part(""));
        yield event(alloc, "response.content_part.added", data);
      }
      default -> throw new IndexOutOfBoundsException("no opening event " + index);
    };
  }

  @Override
  public ByteBuf fragment(ByteBufAllocator alloc, int index) {
    return text(alloc, MockText.fragment(index));
  }

  @Override
  public ByteBuf text(ByteBufAllocator alloc, String delta) {
    text.append(delta);
    ObjectNode data = contentRef().put("delta", delta);
    data.putArray("logprobs");
    return event(alloc, "response.output_text.delta", data);
  }

  @Override
  public int closingCount() {
    return 3;
  }

  @Override
  public ByteBuf closing(
      ByteBufAllocator alloc, int index, int textFragments, String finishReason) {
    this.finishReason = finishReason;
    return switch (index) {
      case 0 -> {
        ObjectNode data = contentRef().put("text", text.toString());
        data.putArray("logprobs");
        yield event(alloc, "response.output_text.done", data);
      }
      case 1 -> {
        ObjectNode data = contentRef();
        data.set("part", part(text.toString()));
        yield event(alloc, "response.content_part.done", data);
      }
      case 2 -> {
        ObjectNode data = JSON.createObjectNode().put("output_index", 0);
        data.set("item", item(complete() ? "completed" : "incomplete", true));
        yield event(alloc, "response.output_item.done", data);
      }
      default -> throw new IndexOutOfBoundsException("no closing event " + index);
    };
  }

  @Override
  public ByteBuf end(ByteBufAllocator alloc, int textFragments, String finishReason) {
    this.finishReason = finishReason;
    ObjectNode response = response(complete() ? "completed" : "incomplete");
    if (!complete()) {
      response.putObject("incomplete_details").put("reason", incompleteReason());
    }
    response.putArray("output").add(item(complete() ? "completed" : "incomplete", true));
    response
        .putObject("usage")
        .put("input_tokens", inputTokens)
        .put("output_tokens", textFragments)
        .put("total_tokens", inputTokens + textFragments);
    return event(
        alloc, complete() ? "response.completed" : "response.incomplete", withResponse(response));
  }

  @Override
  public int errorCount() {
    return 2;
  }

  @Override
  public ByteBuf error(ByteBufAllocator alloc, int index) {
    if (index == 0) {
      ObjectNode data =
          JSON.createObjectNode().put("code", "server_error").put("message", "mock overloaded");
      data.putNull("param");
      return event(alloc, "error", data);
    }
    ObjectNode response = response("failed");
    response.putObject("error").put("code", "server_error").put("message", "mock overloaded");
    return event(alloc, "response.failed", withResponse(response));
  }

  @Override
  public ByteBuf malformed(ByteBufAllocator alloc) {
    return MockText.buffer(
        alloc,
        MockText.namedEvent(
            "response.output_text.delta",
            "{\"type\":\"response.output_text.delta\",\"sequence_number\":"
                + sequenceNumber++
                + ",\"item_id\":"
                + MockText.jsonString(itemId)
                + ",\"delta\": \"abc"));
  }

  private boolean complete() {
    return MockText.STOP.equals(finishReason);
  }

  private String incompleteReason() {
    return switch (finishReason) {
      case "length" -> "max_output_tokens";
      default -> finishReason;
    };
  }

  /** The event {@code name} whose data is {@code type}, {@code sequence_number}, then fields. */
  private ByteBuf event(ByteBufAllocator alloc, String name, ObjectNode fields) {
    ObjectNode data = JSON.createObjectNode().put("type", name);
    data.put("sequence_number", sequenceNumber++);
    data.setAll(fields);
    try {
      return MockText.buffer(alloc, MockText.namedEvent(name, JSON.writeValueAsString(data)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a Responses event", e);
    }
  }

  private ObjectNode withResponse(ObjectNode response) {
    ObjectNode data = JSON.createObjectNode();
    data.set("response", response);
    return data;
  }

  private ObjectNode response(String status) {
    ObjectNode response =
        JSON.createObjectNode()
            .put("id", responseId)
            .put("object", "response")
            .put("created_at", createdEpochSeconds)
            .put("status", status)
            .put("model", model);
    response.putNull("error");
    response.putNull("incomplete_details");
    response.putArray("output");
    response.putNull("usage");
    return response;
  }

  private ObjectNode item(String status, boolean withText) {
    ObjectNode item =
        JSON.createObjectNode()
            .put("id", itemId)
            .put("type", MESSAGE)
            .put("status", status)
            .put("role", "assistant");
    if (withText) {
      item.putArray("content").add(part(text.toString()));
    } else {
      item.putArray("content");
    }
    return item;
  }

  private ObjectNode contentRef() {
    return JSON.createObjectNode()
        .put("item_id", itemId)
        .put("output_index", 0)
        .put("content_index", 0);
  }

  private static ObjectNode part(String text) {
    ObjectNode part = JSON.createObjectNode().put("type", OUTPUT_TEXT).put("text", text);
    part.putArray("annotations");
    return part;
  }
}
