package dev.streamload.mock;

import static dev.streamload.mock.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DifyDialectStreamTest {

  private static final int FRAGMENTS = 4;

  /** Fragments written before a mid-stream fault acts: half the answer, rounded up. */
  private static final int PARTIAL = 2;

  private static final Map<String, String> HEADERS = Map.of("Authorization", "Bearer mock-api-key");

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
    call = new PresetCall(mock, "POST", "/v1/chat-messages", HEADERS, body("alice", null));
  }

  @AfterEach
  void stopMock() {
    mock.close();
  }

  private static String body(String user, String conversationId) {
    return "{\"inputs\":{},\"query\":\"Tell me three things\",\"user\":\""
        + user
        + "\",\"response_mode\":\"streaming\""
        + (conversationId == null ? "" : ",\"conversation_id\":\"" + conversationId + "\"")
        + "}";
  }

  @Test
  void streamsMessageEventsWithAnswerDeltasThenMessageEndWithUsageAndEnds() throws Exception {
    RawHttp.Response response = call.send();

    assertEquals(200, response.status());
    assertEquals("text/event-stream", response.header("content-type"));
    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    List<JsonNode> events = events(response);
    assertEquals(FRAGMENTS + 1, events.size(), events.toString());
    StringBuilder answer = new StringBuilder();
    String conversationId = events.get(0).get("conversation_id").asText();
    String messageId = events.get(0).get("message_id").asText();
    for (JsonNode event : events.subList(0, FRAGMENTS)) {
      assertEquals("message", event.get("event").asText());
      assertEquals(conversationId, event.get("conversation_id").asText());
      assertEquals(messageId, event.get("message_id").asText());
      answer.append(event.get("answer").asText());
    }
    assertEquals(MockText.answer(FRAGMENTS), answer.toString());
    JsonNode end = events.get(FRAGMENTS);
    assertEquals("message_end", end.get("event").asText());
    assertEquals(conversationId, end.get("conversation_id").asText());
    assertEquals(FRAGMENTS, end.get("metadata").get("usage").get("completion_tokens").asInt());
    assertEquals(4, end.get("metadata").get("usage").get("prompt_tokens").asInt());
    for (SseText.Event event : SseText.events(response.body())) {
      assertNull(event.event(), "no event: line on Dify's data events");
    }
    assertEquals(1, mock.counters().requests(MockEndpoint.STREAM_DIFY));
    assertEquals(1, mock.counters().streamsCompleted());
  }

  @Test
  void theFirstAnswerCreatesTheConversationAndALaterTurnOfTheSameUserContinuesIt()
      throws Exception {
    String first = events(call.send()).get(0).get("conversation_id").asText();
    String another = events(call.send()).get(0).get("conversation_id").asText();

    RawHttp.Response second = call.withBody(body("alice", first)).send();

    assertFalse(first.isBlank(), "a conversation id");
    assertNotEquals(first, another, "each request without an id starts a conversation");
    for (JsonNode event : events(second)) {
      assertEquals(first, event.get("conversation_id").asText(), event.toString());
    }
  }

  @Test
  void anUnknownConversationOrOneOfAnotherUserIsDifys404() throws Exception {
    String alices = events(call.send()).get(0).get("conversation_id").asText();

    RawHttp.Response unknown = call.withBody(body("alice", "no-such-conversation")).send();
    RawHttp.Response otherUser = call.withBody(body("bob", alices)).send();

    for (RawHttp.Response response : List.of(unknown, otherUser)) {
      assertEquals(404, response.status());
      JsonNode error = MockApi.json(response.body());
      assertEquals("not_found", error.get("code").asText());
      assertEquals(404, error.get("status").asInt());
      assertEquals("Conversation Not Exists.", error.get("message").asText());
    }
  }

  @Test
  void aBodyWithoutTheRequiredFieldsIsDifysInvalidParamNamingThem() throws Exception {
    RawHttp.Response empty = call.withBody("{}").send();
    RawHttp.Response noUser =
        call.withBody("{\"inputs\":{},\"query\":\"q\",\"response_mode\":\"streaming\"}").send();
    RawHttp.Response blocking =
        call.withBody(
                "{\"inputs\":{},\"query\":\"q\",\"user\":\"u\",\"response_mode\":\"blocking\"}")
            .send();

    assertInvalidParam(empty, "query, inputs, user and response_mode required");
    assertInvalidParam(noUser, "user required");
    assertEquals(400, blocking.status());
    assertMentions(MockApi.json(blocking.body()).get("message").asText(), "blocking", "streaming");
    assertEquals(3, mock.counters().badRequests());
    assertEquals(0, mock.counters().streamsStarted());
  }

  private static void assertInvalidParam(RawHttp.Response response, String message) {
    assertEquals(400, response.status());
    JsonNode error = MockApi.json(response.body());
    assertEquals("invalid_param", error.get("code").asText());
    assertEquals(message, error.get("message").asText());
    assertEquals(400, error.get("status").asInt());
  }

  @Test
  void aMissingOrWrongKeyIsDifysUnauthorized() throws Exception {
    for (Map<String, String> headers :
        List.of(Map.<String, String>of(), Map.of("Authorization", "Bearer wrong"))) {
      RawHttp.Response response = call.withHeaders(headers).send();

      assertEquals(401, response.status());
      assertEquals("unauthorized", MockApi.json(response.body()).get("code").asText());
    }
  }

  @Test
  void anHttpStatusFaultAnswersWithDifysErrorBody() throws Exception {
    RawHttp.Response response = call.send(Fault.HTTP_429);

    assertEquals(429, response.status());
    JsonNode error = MockApi.json(response.body());
    assertEquals("too_many_requests", error.get("code").asText());
    assertEquals(429, error.get("status").asInt());
  }

  @Test
  void errorEventSendsSomeMessagesThenAnErrorEventAndEnds() throws Exception {
    RawHttp.Response response = call.send(Fault.ERROR_EVENT);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    List<JsonNode> events = events(response);
    assertEquals(PARTIAL + 1, events.size());
    JsonNode error = events.get(PARTIAL);
    assertEquals("error", error.get("event").asText());
    assertEquals(500, error.get("status").asInt());
    assertTrue(error.has("code") && error.has("message"), error.toString());
  }

  @Test
  void interruptCutsAfterSomeMessagesWithoutMessageEnd() throws Exception {
    RawHttp.Response response = call.send(Fault.INTERRUPT);

    assertEquals(RawHttp.Ending.EOF, response.ending());
    assertEquals(PARTIAL, events(response).size());
  }

  @Test
  void noDoneEndsCleanlyAfterEveryMessageWithoutMessageEnd() throws Exception {
    RawHttp.Response response = call.send(Fault.NO_DONE);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    List<JsonNode> events = events(response);
    assertEquals(FRAGMENTS, events.size());
    assertEquals("message", events.get(FRAGMENTS - 1).get("event").asText());
  }

  @Test
  void emptyAnswerSendsOnlyMessageEndWhichStillCarriesTheNewConversation() throws Exception {
    List<JsonNode> events = events(call.send(Fault.EMPTY_ANSWER));

    assertEquals(1, events.size());
    assertEquals("message_end", events.get(0).get("event").asText());
    assertFalse(events.get(0).get("conversation_id").asText().isBlank());
    assertEquals(0, events.get(0).get("metadata").get("usage").get("completion_tokens").asInt());
  }

  @Test
  void malformedEventSendsBrokenJsonThenMessageEnd() throws Exception {
    List<String> data = SseText.data(call.send(Fault.MALFORMED_EVENT).body());

    assertEquals(PARTIAL + 2, data.size());
    assertThrows(IOException.class, () -> MockApi.JSON.readTree(data.get(PARTIAL)));
    assertEquals("message_end", MockApi.json(data.get(PARTIAL + 1)).get("event").asText());
  }

  @Test
  void firstFragmentTimeoutSendsHeadersThenSilence() throws Exception {
    RawHttp.Response response = call.sendAndWaitForSilence(Fault.FIRST_FRAGMENT_TIMEOUT, 0);

    assertEquals(RawHttp.Ending.TIMEOUT, response.ending());
    assertEquals("", response.body());
  }

  @Test
  void stallSendsSomeMessagesThenSilence() throws Exception {
    RawHttp.Response response = call.sendAndWaitForSilence(Fault.STALL, PARTIAL);

    assertEquals(RawHttp.Ending.TIMEOUT, response.ending());
    assertEquals(PARTIAL, events(response).size());
  }

  @Test
  void pingsAreEventPingLinesWithoutDataAtTheIntervalXMockPingMsSets() throws Exception {
    Map<String, String> headers = new HashMap<>(HEADERS);
    headers.put(StreamOverrides.TTFT_MS, "400");
    headers.put(StreamOverrides.PING_MS, "50");

    RawHttp.Response response = call.withHeaders(headers).send();

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    assertTrue(response.body().startsWith("event: ping\n\n"), response.body());
    List<SseText.Event> all = SseText.events(response.body());
    SseText.Event first = all.get(0);
    assertEquals("ping", first.event());
    assertNull(first.data());
    assertEquals(FRAGMENTS + 1, events(response).size(), "the pings do not change the answer");
  }

  @Test
  void aShortStreamHasNoPingBecauseDifyPingsEveryTenSeconds() throws Exception {
    assertFalse(call.send().body().contains("ping"));
  }

  /** The JSON of each data event, pings left out. */
  private static List<JsonNode> events(RawHttp.Response response) {
    List<JsonNode> events = new ArrayList<>();
    for (SseText.Event event : SseText.events(response.body())) {
      if (event.data() != null) {
        events.add(MockApi.json(event.data()));
      }
    }
    return events;
  }
}
