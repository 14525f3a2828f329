package dev.streamload.mock;

import static dev.streamload.mock.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GeminiDialectStreamTest {

  private static final int FRAGMENTS = 4;

  /** Fragments written before a mid-stream fault acts: half the answer, rounded up. */
  private static final int PARTIAL = 2;

  private static final String PATH = "/v1beta/models/gemini-test:streamGenerateContent?alt=sse";
  private static final Map<String, String> HEADERS = Map.of("x-goog-api-key", "mock-api-key");
  private static final String BODY =
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Tell me three things\"}]}]}";

  private MockChatServer mock;
  private PresetCall call;

  @BeforeEach
  void startMock() {
    mock =
        MockChatServer.start(
            MockSettings.defaults()
                .withTimeToFirstFragment(Duration.ofMillis(20))
                .withFragments(FRAGMENTS)
                .withGap(Duration.ofMillis(5)));
    call = new PresetCall(mock, "POST", PATH, HEADERS, BODY);
  }

  @AfterEach
  void stopMock() {
    mock.close();
  }

  @Test
  void streamsCrlfFramedChunksThenAFinishReasonChunkAndEndsTheResponseWithoutAMarker()
      throws Exception {
    RawHttp.Response response = call.send();

    assertEquals(200, response.status());
    assertEquals("text/event-stream", response.header("content-type"));
    assertEquals(RawHttp.Ending.COMPLETE, response.ending(), "the chunked terminator arrived");
    assertTrue(response.body().startsWith("data: {\"candidates\""), response.body());
    assertEquals(FRAGMENTS + 1, response.body().split("\r\n\r\n", -1).length - 1, "CRLF framing");
    List<String> data = SseText.data(response.body());
    assertEquals(FRAGMENTS + 1, data.size(), data.toString());
    StringBuilder text = new StringBuilder();
    for (String chunk : data.subList(0, FRAGMENTS)) {
      JsonNode candidate = MockApi.json(chunk).get("candidates").get(0);
      assertEquals("model", candidate.get("content").get("role").asText());
      assertFalse(candidate.has("finishReason"), chunk);
      text.append(candidate.get("content").get("parts").get(0).get("text").asText());
    }
    assertEquals(MockText.answer(FRAGMENTS), text.toString());
    JsonNode last = MockApi.json(data.get(FRAGMENTS));
    assertEquals("STOP", last.get("candidates").get(0).get("finishReason").asText());
    assertEquals(FRAGMENTS, last.get("usageMetadata").get("candidatesTokenCount").asInt());
    assertEquals(4, last.get("usageMetadata").get("promptTokenCount").asInt(), "prompt's words");
    assertEquals("gemini-test", last.get("modelVersion").asText());
    assertFalse(response.body().contains("[DONE]"));
    assertEquals(1, mock.counters().requests(MockEndpoint.STREAM_GEMINI));
    assertEquals(1, mock.counters().streamsCompleted());
  }

  @Test
  void acceptsTheKeyAsAQueryParameterAndTheV1Path() throws Exception {
    RawHttp.Response response =
        call.withHeaders(Map.of())
            .withPath("/v1/models/gemini-test:streamGenerateContent?alt=sse&key=mock-api-key")
            .send();

    assertEquals(200, response.status(), response.body());
    assertEquals(FRAGMENTS + 1, SseText.data(response.body()).size());
  }

  @Test
  void answersAMissingKeyWith403AndAWrongKeyWith400AsGoogleDoes() throws Exception {
    RawHttp.Response missing = call.withHeaders(Map.of()).send();
    RawHttp.Response wrong = call.withHeaders(Map.of("x-goog-api-key", "wrong")).send();

    assertEquals(403, missing.status());
    assertEquals("PERMISSION_DENIED", error(missing).get("status").asText());
    assertEquals(400, wrong.status());
    assertEquals("INVALID_ARGUMENT", error(wrong).get("status").asText());
    assertMentions(error(wrong).get("message").asText(), "API key not valid");
    assertEquals(0, mock.counters().streamsStarted());
  }

  @Test
  void rejectsARequestWithoutAltSseOrWithoutContentsNamingWhatIsMissing() throws Exception {
    RawHttp.Response noSse =
        call.withPath("/v1beta/models/gemini-test:streamGenerateContent").send();
    RawHttp.Response noContents = call.withBody("{\"contents\":[]}").send();

    assertEquals(400, noSse.status());
    assertMentions(error(noSse).get("message").asText(), "alt=sse");
    assertEquals(400, noContents.status());
    assertEquals(400, error(noContents).get("code").asInt());
    assertMentions(error(noContents).get("message").asText(), "contents");
    assertEquals(2, mock.counters().badRequests());
  }

  @Test
  void acceptsUserAndModelTurnsButRejectsTheRoleAssistantAsGoogleDoes() throws Exception {
    RawHttp.Response history =
        call.withBody(
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]},"
                    + "{\"role\":\"model\",\"parts\":[{\"text\":\"hello\"}]},"
                    + "{\"role\":\"user\",\"parts\":[{\"text\":\"more\"}]}]}")
            .send();
    RawHttp.Response assistant =
        call.withBody("{\"contents\":[{\"role\":\"assistant\",\"parts\":[{\"text\":\"hi\"}]}]}")
            .send();

    assertEquals(200, history.status(), history.body());
    assertEquals(400, assistant.status());
    assertMentions(error(assistant).get("message").asText(), "user, model");
  }

  @Test
  void anHttpStatusFaultAnswersWithGooglesErrorBody() throws Exception {
    RawHttp.Response response = call.send(Fault.HTTP_429);

    assertEquals(429, response.status());
    assertEquals("RESOURCE_EXHAUSTED", error(response).get("status").asText());
    assertEquals(429, error(response).get("code").asInt());
  }

  @Test
  void finishFaultsSendMaxTokensAndSafetyAndAGivenReasonVerbatim() throws Exception {
    assertEquals("MAX_TOKENS", finishReason(call.send(Fault.FINISH_LENGTH)));
    assertEquals("SAFETY", finishReason(call.send(Fault.FINISH_CONTENT_FILTER)));
    assertEquals(
        "RECITATION",
        finishReason(
            call.withHeaders(call.headersWith(StreamOverrides.FINISH_REASON, "RECITATION"))
                .send()));
  }

  @Test
  void aCleanEndWritesTheChunkedTerminatorAndAnInterruptClosesWithoutIt() throws Exception {
    RawHttp.Response clean = call.send();
    RawHttp.Response cut = call.send(Fault.INTERRUPT);

    assertEquals(RawHttp.Ending.COMPLETE, clean.ending());
    assertEquals(RawHttp.Ending.EOF, cut.ending());
    List<String> data = SseText.data(cut.body());
    assertEquals(PARTIAL, data.size(), data.toString());
    for (String chunk : data) {
      assertFalse(MockApi.json(chunk).get("candidates").get(0).has("finishReason"), chunk);
    }
  }

  @Test
  void noDoneEndsCleanlyAfterEveryFragmentWithoutAFinishReason() throws Exception {
    RawHttp.Response response = call.send(Fault.NO_DONE);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    List<String> data = SseText.data(response.body());
    assertEquals(FRAGMENTS, data.size());
    assertNull(MockApi.json(data.get(FRAGMENTS - 1)).get("candidates").get(0).get("finishReason"));
    assertEquals(0, mock.counters().streamsCompleted());
  }

  @Test
  void errorEventSendsSomeChunksThenAGoogleErrorObjectThenEnds() throws Exception {
    RawHttp.Response response = call.send(Fault.ERROR_EVENT);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    List<String> data = SseText.data(response.body());
    assertEquals(PARTIAL + 1, data.size());
    JsonNode error = MockApi.json(data.get(PARTIAL)).get("error");
    assertEquals("UNAVAILABLE", error.get("status").asText());
    assertEquals(503, error.get("code").asInt());
  }

  @Test
  void emptyAnswerSendsOnlyTheFinishChunk() throws Exception {
    List<String> data = SseText.data(call.send(Fault.EMPTY_ANSWER).body());

    assertEquals(1, data.size());
    JsonNode last = MockApi.json(data.get(0));
    assertEquals("STOP", last.get("candidates").get(0).get("finishReason").asText());
    assertEquals(0, last.get("usageMetadata").get("candidatesTokenCount").asInt());
  }

  @Test
  void malformedEventSendsAChunkWithBrokenJsonThenEndsCleanly() throws Exception {
    RawHttp.Response response = call.send(Fault.MALFORMED_EVENT);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    List<String> data = SseText.data(response.body());
    assertEquals(PARTIAL + 1, data.size());
    assertThrows(IOException.class, () -> MockApi.JSON.readTree(data.get(PARTIAL)));
  }

  @Test
  void firstFragmentTimeoutSendsHeadersThenSilence() throws Exception {
    RawHttp.Response response = call.sendAndWaitForSilence(Fault.FIRST_FRAGMENT_TIMEOUT, 0);

    assertEquals(200, response.status());
    assertEquals(RawHttp.Ending.TIMEOUT, response.ending());
    assertEquals("", response.body());
  }

  @Test
  void stallSendsSomeChunksThenSilence() throws Exception {
    RawHttp.Response response = call.sendAndWaitForSilence(Fault.STALL, PARTIAL);

    assertEquals(RawHttp.Ending.TIMEOUT, response.ending());
    assertEquals(PARTIAL, SseText.data(response.body()).size());
  }

  private static String finishReason(RawHttp.Response response) {
    List<String> data = SseText.data(response.body());
    return MockApi.json(data.get(data.size() - 1))
        .get("candidates")
        .get(0)
        .get("finishReason")
        .asText();
  }

  private static JsonNode error(RawHttp.Response response) {
    return MockApi.json(response.body()).get("error");
  }
}
