package dev.streamload.mock;

import static dev.streamload.mock.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthEndpointsTest {

  private MockChatServer mock;

  @BeforeEach
  void startMock() {
    mock = MockChatServer.start(MockSettings.defaults());
  }

  @AfterEach
  void stopMock() {
    mock.close();
  }

  @Test
  void loginWithTheRightPasswordReturnsAnOpaqueTokenValidForAnHour() throws Exception {
    HttpResponse<String> response =
        MockApi.post(mock, "/api/auth/login", MockApi.loginBody("user7", "pass-7"));

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    JsonNode body = MockApi.json(response.body());
    assertTrue(body.get("token").asText().length() >= 16, response.body());
    assertEquals(3600, body.get("expiresIn").asInt());
    assertEquals(1, mock.counters().requests(MockEndpoint.LOGIN));
  }

  @Test
  void twoLoginsGetDifferentTokens() throws Exception {
    assertNotEquals(MockApi.login(mock, "user1", "pass-1"), MockApi.login(mock, "user1", "pass-1"));
  }

  @Test
  void loginWithAWrongPasswordIsRejectedWith401AndCounted() throws Exception {
    HttpResponse<String> response =
        MockApi.post(mock, "/api/auth/login", MockApi.loginBody("user1", "pass-2"));

    assertEquals(401, response.statusCode());
    assertEquals("invalid_credentials", MockApi.json(response.body()).get("error").asText());
    assertEquals(1, mock.counters().loginFailures());
  }

  @Test
  void loginWithAnEmptyPasswordIsRejectedWith401() throws Exception {
    HttpResponse<String> response =
        MockApi.post(mock, "/api/auth/login", MockApi.loginBody("user1", ""));

    assertEquals(401, response.statusCode());
    assertEquals(1, mock.counters().loginFailures());
  }

  @Test
  void loginOfAnUnknownUserIsRejectedWith401() throws Exception {
    HttpResponse<String> response =
        MockApi.post(mock, "/api/auth/login", MockApi.loginBody("user101", "pass-101"));

    assertEquals(401, response.statusCode());
  }

  @Test
  void loginWithBrokenJsonIsABadRequest() throws Exception {
    HttpResponse<String> response = MockApi.post(mock, "/api/auth/login", "{\"username\": ");

    assertEquals(400, response.statusCode());
    assertEquals("bad_request", MockApi.json(response.body()).get("error").asText());
    assertEquals(0, mock.counters().loginFailures());
  }

  @Test
  void creatingAConversationWithoutATokenIsRejectedWith401() throws Exception {
    HttpResponse<String> response = MockApi.post(mock, "/api/conversations", "{}");

    assertEquals(401, response.statusCode());
    assertEquals("invalid_token", MockApi.json(response.body()).get("error").asText());
  }

  @Test
  void creatingAConversationWithAnUnknownTokenIsRejectedWith401() throws Exception {
    HttpResponse<String> response =
        MockApi.post(mock, "/api/conversations", "{}", "Authorization", "Bearer made-up");

    assertEquals(401, response.statusCode());
  }

  @Test
  void creatingAConversationWithALoginTokenAnswers201WithItsId() throws Exception {
    String token = MockApi.login(mock, "user1", "pass-1");

    HttpResponse<String> response =
        MockApi.post(mock, "/api/conversations", "{}", "Authorization", "Bearer " + token);

    assertEquals(201, response.statusCode());
    assertTrue(
        MockApi.json(response.body()).get("conversationId").asText().matches("conv-\\d+"),
        response.body());
    assertEquals(1, mock.counters().requests(MockEndpoint.CONVERSATION));
  }

  @Test
  void anUnknownPathAnswers404Json() throws Exception {
    HttpResponse<String> response = MockApi.get(mock, "/api/nothing-here");

    assertEquals(404, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    assertMentions(response.body(), "not_found", "/api/nothing-here");
    assertEquals(1, mock.counters().requests(MockEndpoint.NOT_FOUND));
  }

  @Test
  void adminStatsReportTheCountersAndResetZeroesThem() throws Exception {
    MockApi.post(mock, "/api/auth/login", MockApi.loginBody("user1", "wrong"));

    JsonNode stats = MockApi.json(MockApi.get(mock, "/admin/stats").body());
    assertEquals(1, stats.get("requests").get("login").asInt());
    assertEquals(1, stats.get("loginFailures").asInt());
    assertTrue(stats.get("openConnections").asInt() >= 1, stats.toString());

    HttpResponse<String> reset = MockApi.post(mock, "/admin/reset", null);
    assertEquals(200, reset.statusCode());
    assertEquals(0, mock.counters().loginFailures());
    assertEquals(0, mock.counters().requests(MockEndpoint.LOGIN));
  }
}
