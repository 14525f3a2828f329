package dev.streamload.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.config.ApiConfig;
import dev.streamload.config.RunConfig;
import dev.streamload.config.Settings;
import dev.streamload.stream.ContentChecks;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The made-up identity response the loopback warm-up answers logins and conversations with. */
class IdentityAnswerTest {

  private final List<String> skipped = new ArrayList<>();

  private static ApiConfig api(Map<String, String> props) {
    return RunConfig.read(new Settings(props, Map.of()), ContentChecks.none()).api();
  }

  private Optional<IdentityAnswer> answer(Map<String, String> props) {
    return IdentityAnswer.of(api(props), skipped::add);
  }

  /** No conversation step: the stream body without the conversation id. */
  private static Map<String, String> withoutConversation(Map<String, String> props) {
    Map<String, String> all = new HashMap<>(props);
    all.put("conversation.mode", "none");
    all.put("chat.body", "{\"prompt\":#{prompt.jsonStringify()}}");
    return all;
  }

  /** The first response split at its empty line: head, body. */
  private static String[] split(IdentityAnswer answer) {
    return split(answer.responses().get(0));
  }

  private static String[] split(byte[] response) {
    String whole = new String(response, StandardCharsets.UTF_8);
    int end = whole.indexOf("\r\n\r\n");
    return new String[] {whole.substring(0, end + 2), whole.substring(end + 4)};
  }

  private static String jmesPath(String body, String path) throws Exception {
    JsonNode json = new ObjectMapper().readTree(body);
    JsonNode value = new JacksonRuntime().compile(path).search(json);
    return value == null || value.isNull() ? null : value.asText();
  }

  @Test
  void oneBodyCarriesTheTokenAndTheConversationIdAtTheirPathsAsJmesPathReadsThem()
      throws Exception {
    Optional<IdentityAnswer> answer =
        answer(Map.of("login.tokenPath", "data.accessToken", "conversation.idPath", "data.id"));

    assertTrue(answer.isPresent(), skipped.toString());
    String[] parts = split(answer.get());
    assertTrue(parts[0].startsWith("HTTP/1.1 200 OK\r\n"), parts[0]);
    assertTrue(parts[0].contains("Content-Type: application/json\r\n"), parts[0]);
    assertTrue(
        parts[0].contains(
            "Content-Length: " + parts[1].getBytes(StandardCharsets.UTF_8).length + "\r\n"),
        parts[0]);
    assertEquals(IdentityAnswer.VALUE, jmesPath(parts[1], "data.accessToken"));
    assertEquals(IdentityAnswer.VALUE, jmesPath(parts[1], "data.id"));
  }

  @Test
  void eachResponseCarriesAValueOfAnotherLengthUpToAThousandCharacters() throws Exception {
    IdentityAnswer answer = answer(Map.of()).orElseThrow();

    assertEquals(IdentityAnswer.VALUES.size(), answer.responses().size());
    java.util.Set<Integer> lengths = new java.util.TreeSet<>();
    for (int i = 0; i < answer.responses().size(); i++) {
      String[] parts = split(answer.responses().get(i));
      String token = jmesPath(parts[1], "token");
      assertEquals(IdentityAnswer.VALUES.get(i), token);
      assertEquals(token, jmesPath(parts[1], "conversationId"));
      assertTrue(
          parts[0].contains(
              "Content-Length: " + parts[1].getBytes(StandardCharsets.UTF_8).length + "\r\n"),
          parts[0]);
      assertEquals(i % 2 == 1, parts[0].contains(LoopbackServer.SERVER_HEADERS), parts[0]);
      lengths.add(token.length());
    }
    assertEquals(java.util.List.of(7, 64, 256, 1_024), new ArrayList<>(lengths));
  }

  @Test
  void aTokenFromAHeaderAndAnIdFromACookieComeAsThoseHeaders() {
    Optional<IdentityAnswer> answer =
        answer(Map.of("login.tokenFrom", "header:X-Auth", "conversation.idFrom", "cookie:conv"));

    assertTrue(answer.isPresent(), skipped.toString());
    String head = split(answer.get())[0];
    assertTrue(head.contains("\r\nX-Auth: " + IdentityAnswer.VALUE + "\r\n"), head);
    assertTrue(
        head.contains("\r\nSet-Cookie: conv=" + IdentityAnswer.VALUE + "; Path=/\r\n"), head);
  }

  @Test
  void aJmesPathThatIsMoreThanNamesJoinedByDotsIsNotAnsweredAndTheReasonNamesIt() {
    Optional<IdentityAnswer> answer = answer(Map.of("login.tokenPath", "data[0].token"));

    assertTrue(answer.isEmpty());
    assertEquals(1, skipped.size(), skipped.toString());
    assertTrue(skipped.get(0).contains("login token path 'data[0].token'"), skipped.get(0));
  }

  @Test
  void pathsInEachOthersWayAreNotAnswered() {
    assertTrue(
        answer(Map.of("login.tokenPath", "data", "conversation.idPath", "data.id")).isEmpty());
    assertTrue(
        answer(Map.of("login.tokenPath", "data.id", "conversation.idPath", "data")).isEmpty());
    assertTrue(answer(Map.of("login.tokenPath", "id", "conversation.idPath", "id")).isEmpty());
    assertEquals(3, skipped.size(), skipped.toString());
    assertTrue(skipped.get(0).contains("runs through another value"), skipped.get(0));
    assertTrue(skipped.get(1).contains("is taken by another value"), skipped.get(1));
  }

  @Test
  void withoutLoginOrConversationThereIsNothingToAnswerAndNothingToSay() {
    assertTrue(answer(withoutConversation(Map.of("login.enabled", "false"))).isEmpty());
    assertTrue(skipped.isEmpty(), skipped.toString());
  }

  @Test
  void anIdentityRequestOnlyLoginIsAnsweredWithoutAConversation() throws Exception {
    Optional<IdentityAnswer> answer = answer(withoutConversation(Map.of()));

    assertTrue(answer.isPresent(), skipped.toString());
    assertEquals(IdentityAnswer.VALUE, jmesPath(split(answer.get())[1], "token"));
  }

  @Test
  void requestsTheServerCannotTellApartByTheirAcceptHeaderAreNotAnswered() {
    assertTrue(answer(Map.of("chat.header.Accept", "application/json")).isEmpty());
    assertTrue(answer(Map.of("login.header.Accept", "text/event-stream")).isEmpty());
    assertTrue(answer(Map.of("target.headers", "accept: text/event-stream")).isEmpty());
    assertEquals(3, skipped.size(), skipped.toString());
    assertTrue(skipped.get(0).contains("the stream request sets Accept"), skipped.get(0));
    assertTrue(skipped.get(1).contains("the login request sets Accept"), skipped.get(1));
    assertTrue(skipped.get(2).contains("target.headers sets Accept"), skipped.get(2));
  }
}
