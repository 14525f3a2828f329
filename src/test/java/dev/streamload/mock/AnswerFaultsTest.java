package dev.streamload.mock;

import static dev.streamload.mock.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mock's answer-level misbehaviour: complete, well-formed streams whose finish reason says they
 * were cut or filtered, or whose text is too short, forbidden or chosen by the test.
 */
class AnswerFaultsTest {

  private static final int FRAGMENTS = 6;
  private static final String PATH = "/api/chat/stream";
  private static final String OPENAI_PATH = "/v1/chat/completions";

  private MockChatServer mock;
  private MockApi.StreamRequest request;

  @BeforeEach
  void startMock() throws Exception {
    mock =
        MockChatServer.start(
            MockSettings.defaults()
                .withTimeToFirstFragment(Duration.ofMillis(10))
                .withFragments(FRAGMENTS)
                .withGap(Duration.ofMillis(2)));
    request = MockApi.defaultStreamRequest(mock);
  }

  @AfterEach
  void stopMock() {
    mock.close();
  }

  @Test
  void finishLengthEndsACompleteAnswerWithReasonLength() throws Exception {
    List<String> data = complete(stream(Map.of("X-Mock-Fault", "finish_length")));

    assertEquals(FRAGMENTS + 2, data.size(), "every fragment, usage, [DONE]: " + data);
    assertEquals("length", MockApi.json(data.get(FRAGMENTS)).get("finish_reason").asText());
    assertEquals(1, mock.counters().faultsInjected(Fault.FINISH_LENGTH));
    assertEquals(1, mock.counters().streamsCompleted());
  }

  @Test
  void finishContentFilterEndsAnOpenAiAnswerWithReasonContentFilter() throws Exception {
    List<String> data = complete(openAi(Map.of("X-Mock-Fault", "finish_content_filter")));

    JsonNode finish = MockApi.json(data.get(1 + FRAGMENTS)).get("choices").get(0);
    assertEquals("content_filter", finish.get("finish_reason").asText());
    assertEquals(1, mock.counters().faultsInjected(Fault.FINISH_CONTENT_FILTER));
  }

  @Test
  void aFinishReasonHeaderSetsTheReasonOfANormalAnswerInBothDialects() throws Exception {
    List<String> project = complete(stream(Map.of("X-Mock-Finish-Reason", "MAX_TOKENS")));
    List<String> openAi = complete(openAi(Map.of("X-Mock-Finish-Reason", "SAFETY")));

    assertEquals("MAX_TOKENS", MockApi.json(project.get(FRAGMENTS)).get("finish_reason").asText());
    assertEquals(
        "SAFETY",
        MockApi.json(openAi.get(1 + FRAGMENTS))
            .get("choices")
            .get(0)
            .get("finish_reason")
            .asText());
    assertEquals(0, mock.counters().faultsInjected(Fault.FINISH_LENGTH), "no fault counted");
  }

  @Test
  void shortAnswerSendsOneFragmentAndEndsNormally() throws Exception {
    List<String> data = complete(stream(Map.of("X-Mock-Fault", "short_answer")));

    assertEquals(
        List.of(
            "{\"delta\":\"" + MockText.fragment(0) + "\"}",
            "{\"usage\":{\"output_tokens\":1},\"finish_reason\":\"stop\"}",
            "[DONE]"),
        data);
    assertEquals(1, mock.counters().faultsInjected(Fault.SHORT_ANSWER));
  }

  @Test
  void forbiddenTextPutsTheForbiddenWordInTheMiddleOfAFullAnswer() throws Exception {
    String text = text(complete(stream(Map.of("X-Mock-Fault", "forbidden_text"))));

    assertEquals(FRAGMENTS, text.split(" ").length);
    assertEquals(MockText.FORBIDDEN_WORD, text.split(" ")[FRAGMENTS / 2]);
    assertFalse(
        MockText.answer(100).contains(MockText.FORBIDDEN_WORD), "no normal answer carries it");
  }

  @Test
  void aTextHeaderSetsTheAnswerWordByWordJsonEscaped() throws Exception {
    List<String> data = complete(stream(Map.of("X-Mock-Text", "Paris is \"the\" capital")));

    assertEquals("Paris is \"the\" capital ", text(data));
    assertEquals(
        "{\"usage\":{\"output_tokens\":4},\"finish_reason\":\"stop\"}", data.get(4), "4 words");
    String openAiText = openAiText(complete(openAi(Map.of("X-Mock-Text", "Rome, not Paris"))));
    assertEquals("Rome, not Paris ", openAiText);
  }

  @Test
  void aBadFinishReasonOrTextHeaderIsABadRequestNamingTheHeader() throws Exception {
    RawHttp.Response reason = stream(Map.of("X-Mock-Finish-Reason", "two words"));
    RawHttp.Response text = stream(Map.of("X-Mock-Text", "x".repeat(5000)));

    assertEquals(400, reason.status());
    assertMentions(reason.body(), "X-Mock-Finish-Reason", "two words");
    assertEquals(400, text.status());
    assertMentions(text.body(), "X-Mock-Text", "5000 chars");
  }

  @Test
  void answerFaultsCanBeDrawnFromTheRunWideMix() {
    FaultMix mix =
        FaultMix.parse(
            "finish_length=0.1,finish_content_filter=0.1,short_answer=0.1,forbidden_text=0.1");
    assertEquals(4, mix.probabilities().size());
  }

  private static List<String> complete(RawHttp.Response response) {
    assertEquals(200, response.status(), response.body());
    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    List<String> data = SseText.data(response.body());
    assertEquals("[DONE]", data.get(data.size() - 1));
    return data;
  }

  private static String text(List<String> data) {
    StringBuilder text = new StringBuilder();
    for (String d : data) {
      if (!d.equals("[DONE]") && MockApi.json(d).has("delta")) {
        text.append(MockApi.json(d).get("delta").asText());
      }
    }
    return text.toString();
  }

  private static String openAiText(List<String> data) {
    StringBuilder text = new StringBuilder();
    for (String d : data.subList(0, data.size() - 1)) {
      JsonNode choices = MockApi.json(d).path("choices");
      if (choices.size() > 0) {
        text.append(choices.get(0).path("delta").path("content").asText(""));
      }
    }
    return text.toString();
  }

  private RawHttp.Response stream(Map<String, String> extra) throws IOException {
    Map<String, String> headers = new HashMap<>(request.headers());
    headers.putAll(extra);
    try (RawHttp http = RawHttp.connect(mock.port())) {
      return http.exchange("POST", PATH, headers, request.body(), Poll.GENEROUS);
    }
  }

  private RawHttp.Response openAi(Map<String, String> extra) throws IOException {
    Map<String, String> headers = new HashMap<>(extra);
    headers.put("Authorization", "Bearer mock-api-key");
    try (RawHttp http = RawHttp.connect(mock.port())) {
      return http.exchange(
          "POST", OPENAI_PATH, headers, MockApi.openAiBody("m", true, true), Poll.GENEROUS);
    }
  }
}
