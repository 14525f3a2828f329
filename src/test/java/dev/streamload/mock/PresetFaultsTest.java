package dev.streamload.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The faults every preset API shares, through each API's own endpoint. */
class PresetFaultsTest {

  private static final int FRAGMENTS = 4;

  /** A good stream request of each preset API, and where its error body names the problem. */
  enum Api {
    ANTHROPIC(
        MockEndpoint.STREAM_ANTHROPIC,
        "POST",
        "/v1/messages",
        Map.of("x-api-key", "mock-api-key", "anthropic-version", "2023-06-01"),
        "{\"model\":\"m\",\"max_tokens\":9,\"stream\":true,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}",
        body -> body.get("error").get("message")),
    RESPONSES(
        MockEndpoint.STREAM_RESPONSES,
        "POST",
        "/v1/responses",
        Map.of("Authorization", "Bearer mock-api-key"),
        "{\"model\":\"m\",\"input\":\"hi\",\"stream\":true}",
        body -> body.get("error").get("message")),
    GEMINI(
        MockEndpoint.STREAM_GEMINI,
        "POST",
        "/v1beta/models/m:streamGenerateContent?alt=sse",
        Map.of("x-goog-api-key", "mock-api-key"),
        "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}",
        body -> body.get("error").get("message")),
    DIFY(
        MockEndpoint.STREAM_DIFY,
        "POST",
        "/v1/chat-messages",
        Map.of("Authorization", "Bearer mock-api-key"),
        "{\"inputs\":{},\"query\":\"hi\",\"user\":\"u\",\"response_mode\":\"streaming\"}",
        body -> body.get("message")),
    PLAIN(
        MockEndpoint.STREAM_PLAIN,
        "GET",
        "/flux/chat?q=hi",
        Map.of(),
        null,
        body -> body.get("message")),
    CUMULATIVE(
        MockEndpoint.STREAM_CUMULATIVE,
        "GET",
        "/chat/stream?q=hi",
        Map.of(),
        null,
        body -> body.get("message"));

    final MockEndpoint endpoint;
    final String method;
    final String path;
    final Map<String, String> headers;
    final String body;
    final Function<JsonNode, JsonNode> message;

    Api(
        MockEndpoint endpoint,
        String method,
        String path,
        Map<String, String> headers,
        String body,
        Function<JsonNode, JsonNode> message) {
      this.endpoint = endpoint;
      this.method = method;
      this.path = path;
      this.headers = headers;
      this.body = body;
      this.message = message;
    }
  }

  private MockChatServer mock;

  private PresetCall call(Api api, FaultMix faults) {
    mock =
        MockChatServer.start(
            MockSettings.defaults()
                .withTimeToFirstFragment(Duration.ofMillis(20))
                .withFragments(FRAGMENTS)
                .withGap(Duration.ofMillis(5))
                .withFaultMix(faults));
    return new PresetCall(mock, api.method, api.path, api.headers, api.body);
  }

  @AfterEach
  void stopMock() {
    if (mock != null) {
      mock.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void theRunWideFaultMixAppliesWithoutAFaultHeader(Api api) throws Exception {
    PresetCall call = call(api, FaultMix.parse("interrupt=1"));

    RawHttp.Response response = call.send();

    assertEquals(200, response.status());
    assertEquals(RawHttp.Ending.EOF, response.ending());
    assertEquals(1, mock.counters().faultsInjected(Fault.INTERRUPT));
    assertEquals(1, mock.counters().requests(api.endpoint));
    assertEquals(0, mock.counters().streamsCompleted());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void aFaultHeaderOfNoneOverridesTheMixAndTheAnswerEndsCleanly(Api api) throws Exception {
    PresetCall call = call(api, FaultMix.parse("interrupt=1"));

    RawHttp.Response response = call.send(Fault.NONE);

    assertEquals(RawHttp.Ending.COMPLETE, response.ending());
    assertEquals(1, mock.counters().streamsCompleted());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void connectionResetClosesWithoutAnyResponseByte(Api api) throws Exception {
    PresetCall call = call(api, FaultMix.none());

    RawHttp.Response response = call.send(Fault.CONNECTION_RESET);

    assertEquals(0, response.status());
    assertTrue(
        response.ending() == RawHttp.Ending.RESET || response.ending() == RawHttp.Ending.EOF,
        response.ending().toString());
    assertEquals(0, mock.counters().streamsStarted());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void wrongContentTypeIsA200WithTheApisJsonErrorBody(Api api) throws Exception {
    PresetCall call = call(api, FaultMix.none());

    RawHttp.Response response = call.send(Fault.WRONG_CONTENT_TYPE);

    assertEquals(200, response.status());
    assertEquals("application/json", response.header("content-type"));
    assertEquals(
        "mock wrong_content_type", api.message.apply(MockApi.json(response.body())).asText());
    assertEquals(0, mock.counters().streamsStarted());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void throttlingFaultsSayRetryAfterOneSecondInTheApisErrorBody(Api api) throws Exception {
    PresetCall call = call(api, FaultMix.none());

    RawHttp.Response response = call.send(Fault.HTTP_429);

    assertEquals(429, response.status());
    assertEquals("1", response.header("retry-after"));
    assertEquals("mock http_429", api.message.apply(MockApi.json(response.body())).asText());
    assertEquals(1, mock.counters().faultsInjected(Fault.HTTP_429));
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void anUnknownFaultNameIsTheApisOwn400NamingTheHeader(Api api) throws Exception {
    PresetCall call = call(api, FaultMix.none());

    RawHttp.Response response =
        call.withHeaders(call.headersWith(StreamOverrides.FAULT, "interrupted")).send();

    assertEquals(400, response.status());
    String message = api.message.apply(MockApi.json(response.body())).asText();
    assertTrue(message.contains("X-Mock-Fault") && message.contains("interrupted"), message);
    assertEquals(1, mock.counters().badRequests());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void shortAnswerAndForbiddenTextShapeTheAnswerText(Api api) throws Exception {
    PresetCall call = call(api, FaultMix.none());

    String forbidden = call.send(Fault.FORBIDDEN_TEXT).body();
    RawHttp.Response shortAnswer = call.send(Fault.SHORT_ANSWER);

    assertTrue(forbidden.contains(MockText.FORBIDDEN_WORD), forbidden);
    assertEquals(RawHttp.Ending.COMPLETE, shortAnswer.ending());
    assertTrue(shortAnswer.body().contains(MockText.fragment(0).trim()), shortAnswer.body());
    assertFalse(
        shortAnswer.body().contains(MockText.fragment(1).trim()),
        "one fragment only: " + shortAnswer.body());
    assertEquals(2, mock.counters().streamsCompleted());
  }
}
