package dev.streamload.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiDialectStreamTest {

  private static final int FRAGMENTS = 4;
  private static final String PATH = "/v1/chat/completions";
  private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer mock-api-key");

  private MockChatServer mock;

  @BeforeEach
  void startMock() {
    mock =
        MockChatServer.start(
            MockSettings.defaults()
                .withTimeToFirstFragment(Duration.ofMillis(20))
                .withFragments(FRAGMENTS)
                .withGap(Duration.ofMillis(5)));
  }

  @AfterEach
  void stopMock() {
    mock.close();
  }

  @Test
  void streamsARoleChunkContentChunksAFinishChunkAUsageChunkAndDone() throws Exception {
    RawHttp.Response response = post(AUTH, MockApi.openAiBody("gpt-test", true, true));

    assertEquals(200, response.status());
    assertEquals("text/event-stream", response.header("content-type"));
    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    List<String> data = SseText.data(response.body());
    assertEquals(1 + FRAGMENTS + 1 + 1 + 1, data.size(), data.toString());
    assertEquals("[DONE]", data.get(data.size() - 1));

    JsonNode role = MockApi.json(data.get(0));
    String id = role.get("id").asText();
    assertTrue(id.startsWith("chatcmpl-"), id);
    assertEquals("chat.completion.chunk", role.get("object").asText());
    assertTrue(role.get("created").asLong() > 1_600_000_000L, data.get(0));
    assertEquals("gpt-test", role.get("model").asText());
    JsonNode roleChoice = role.get("choices").get(0);
    assertEquals(0, roleChoice.get("index").asInt());
    assertEquals("assistant", roleChoice.get("delta").get("role").asText());
    assertEquals("", roleChoice.get("delta").get("content").asText());
    assertTrue(roleChoice.get("finish_reason").isNull());

    StringBuilder text = new StringBuilder();
    for (String chunk : data.subList(1, 1 + FRAGMENTS)) {
      JsonNode node = MockApi.json(chunk);
      assertEquals(id, node.get("id").asText());
      JsonNode choice = node.get("choices").get(0);
      assertTrue(choice.get("finish_reason").isNull(), chunk);
      assertFalse(choice.get("delta").has("role"), chunk);
      text.append(choice.get("delta").get("content").asText());
    }
    assertEquals(MockText.answer(FRAGMENTS), text.toString());

    JsonNode finish = MockApi.json(data.get(1 + FRAGMENTS)).get("choices").get(0);
    assertEquals("stop", finish.get("finish_reason").asText());
    assertEquals(0, finish.get("delta").size());

    JsonNode usageChunk = MockApi.json(data.get(2 + FRAGMENTS));
    assertEquals(0, usageChunk.get("choices").size());
    JsonNode usage = usageChunk.get("usage");
    assertEquals(FRAGMENTS, usage.get("completion_tokens").asInt());
    assertTrue(usage.get("prompt_tokens").asInt() > 0, usageChunk.toString());
    assertEquals(usage.get("prompt_tokens").asInt() + FRAGMENTS, usage.get("total_tokens").asInt());
    assertEquals(1, mock.counters().requests(MockEndpoint.STREAM_OPENAI));
    assertEquals(1, mock.counters().streamsCompleted());
  }

  @Test
  void leavesOutTheUsageChunkUnlessIncludeUsageIsAsked() throws Exception {
    RawHttp.Response response = post(AUTH, MockApi.openAiBody("gpt-test", true, false));

    List<String> data = SseText.data(response.body());
    assertEquals(1 + FRAGMENTS + 1 + 1, data.size(), data.toString());
    for (String chunk : data.subList(0, data.size() - 1)) {
      assertFalse(MockApi.json(chunk).has("usage"), chunk);
    }
  }

  @Test
  void namesTheModelMockModelWhenTheRequestGivesNone() throws Exception {
    RawHttp.Response response = post(AUTH, "{\"stream\":true,\"messages\":[]}");

    assertEquals(
        "mock-model", MockApi.json(SseText.data(response.body()).get(0)).get("model").asText());
  }

  @Test
  void escapesAModelNameWithQuotesSoChunksStayValidJson() throws Exception {
    RawHttp.Response response = post(AUTH, "{\"model\":\"a\\\"b\",\"stream\":true}");

    assertEquals("a\"b", MockApi.json(SseText.data(response.body()).get(1)).get("model").asText());
  }

  @Test
  void answersAPlainJsonCompletionWhenStreamIsFalse() throws Exception {
    RawHttp.Response response = post(AUTH, MockApi.openAiBody("gpt-test", false, false));

    assertEquals(200, response.status());
    assertEquals("application/json", response.header("content-type"));
    JsonNode completion = MockApi.json(response.body());
    assertEquals("chat.completion", completion.get("object").asText());
    JsonNode choice = completion.get("choices").get(0);
    assertEquals("assistant", choice.get("message").get("role").asText());
    assertEquals(MockText.answer(FRAGMENTS), choice.get("message").get("content").asText());
    assertEquals("stop", choice.get("finish_reason").asText());
    assertEquals(FRAGMENTS, completion.get("usage").get("completion_tokens").asInt());
    assertEquals(0, mock.counters().streamsStarted());
  }

  @Test
  void rejectsAWrongApiKeyWithAnOpenAiStyle401() throws Exception {
    RawHttp.Response response =
        post(
            Map.of("Authorization", "Bearer wrong-key"),
            MockApi.openAiBody("gpt-test", true, false));

    assertEquals(401, response.status());
    assertEquals("application/json", response.header("content-type"));
    JsonNode error = MockApi.json(response.body()).get("error");
    assertEquals("invalid_api_key", error.get("code").asText());
    assertEquals("invalid_request_error", error.get("type").asText());
    assertTrue(error.has("message"));
    assertTrue(error.has("param"));
  }

  @Test
  void rejectsAMissingApiKeyWith401() throws Exception {
    RawHttp.Response response = post(Map.of(), MockApi.openAiBody("gpt-test", true, false));

    assertEquals(401, response.status());
    assertEquals(0, mock.counters().streamsStarted());
  }

  @Test
  void rejectsABodyThatIsNotJsonWith400() throws Exception {
    RawHttp.Response response = post(AUTH, "not json");

    assertEquals(400, response.status());
    assertEquals(
        "invalid_request_error", MockApi.json(response.body()).get("error").get("type").asText());
  }

  private RawHttp.Response post(Map<String, String> headers, String body) throws Exception {
    try (RawHttp http = RawHttp.connect(mock.port())) {
      return http.exchange("POST", PATH, headers, body, Poll.GENEROUS);
    }
  }
}
