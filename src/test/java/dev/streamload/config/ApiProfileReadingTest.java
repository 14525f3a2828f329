package dev.streamload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.api.ApiProfile;
import dev.streamload.api.ApiProfile.ConversationMode;
import dev.streamload.api.Presets;
import dev.streamload.api.RequestTemplate;
import dev.streamload.api.ValueSource;
import dev.streamload.stream.ContentChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The API profile read from presets and flags, and what a misconfigured one says. */
class ApiProfileReadingTest {

  @TempDir Path dir;

  static RunConfig read(Map<String, String> props) {
    return RunConfig.read(new Settings(props, Map.of()), ContentChecks.none());
  }

  static RunConfig read(String preset, Map<String, String> props) {
    Map<String, String> all = new HashMap<>(props);
    all.put("preset", preset);
    return read(all);
  }

  static String problem(Map<String, String> props) {
    return assertThrows(ConfigException.class, () -> read(props)).getMessage();
  }

  static java.util.List<String> presets() {
    return Presets.BUILT_IN;
  }

  @ParameterizedTest
  @MethodSource("presets")
  void everyBuiltInPresetReadsAgainstTheEmbeddedMockWithoutProblems(String preset) {
    RunConfig config = read(preset, Map.of());

    assertEquals(preset, config.api().profile().preset().orElseThrow());
  }

  @ParameterizedTest
  @MethodSource("presets")
  void everyKeyOfEveryPresetIsAPropertyStreamloadReads(String preset) {
    for (String key : Presets.load(preset).keySet()) {
      assertTrue(PropertyNames.known(key), preset + ": " + key + " is not a known property");
    }
  }

  @Test
  void withoutAPresetTheProjectDialectsLoginConversationAndStreamAreUsed() {
    ApiProfile p = read(Map.of()).api().profile();

    assertTrue(p.login().isPresent());
    assertEquals(ConversationMode.REQUEST, p.conversationMode());
    assertEquals("/api/chat/stream", p.chat().path().text());
    assertEquals(
        "{\"conversationId\":#{conversationId.jsonStringify()},\"prompt\":#{prompt.jsonStringify()}}",
        p.chat().body().text());
  }

  @Test
  void theOldFieldNamePropertiesStillShapeTheDefaultBodies() {
    ApiProfile p =
        read(Map.of(
                "login.usernameField", "email",
                "login.passwordField", "secret",
                "chat.promptField", "message"))
            .api()
            .profile();

    assertTrue(p.login().get().body().text().startsWith("{\"email\":#{username"));
    assertTrue(p.login().get().body().text().contains("\"secret\":#{password"));
    assertTrue(p.chat().body().text().contains("\"message\":#{prompt.jsonStringify()}"));
  }

  @Test
  void aFlagOverridesThePresetsValue() {
    ApiConfig api =
        read("anthropic", Map.of("chat.path", "/proxy/v1/messages", "model", "claude-x")).api();

    assertEquals("/proxy/v1/messages", api.profile().chat().path().text());
    assertEquals("claude-x", api.model());
    assertEquals(1024, api.maxTokens());
    assertEquals("x-api-key", api.authHeader());
    assertEquals("2023-06-01", api.profile().chat().headers().get("anthropic-version").text());
  }

  @Test
  void theOldOpenAiNamesStillWorkAsAliases() {
    ApiConfig api =
        read(
                "openai-chat",
                Map.of("openai.path", "/v2/chat", "openai.model", "m-7", "openai.maxTokens", "64"))
            .api();

    assertEquals("/v2/chat", api.profile().chat().path().text());
    assertEquals("m-7", api.model());
    assertEquals("64", api.maxTokensValue());
  }

  @Test
  void anUnknownPresetIsRefusedListingTheBuiltInOnes() {
    String message = problem(Map.of("preset", "antropic"));

    assertTrue(message.contains("preset = 'antropic': expected one of chat, openai-chat"), message);
  }

  @Test
  void aPresetFileOfTheUsersIsReadLikeABuiltInOne() throws Exception {
    Path file = dir.resolve("my-api.conf");
    Files.writeString(
        file,
        "login.enabled = false\nconversation.mode = none\nchat.path = /ask\n"
            + "chat.body = \"\"\"{\"q\":#{prompt.jsonStringify()}}\"\"\"\n");

    ApiProfile p = read(file.toString(), Map.of()).api().profile();

    assertTrue(p.login().isEmpty());
    assertEquals("/ask", p.chat().path().text());
  }

  @Test
  void identityStepsAreOptionalAndTheTokenCanComeFromAHeaderOrACookie() {
    ApiProfile header =
        read(Map.of(
                "login.tokenFrom",
                "header:X-Auth-Token",
                "conversation.mode",
                "none",
                "chat.body",
                "{\"p\":#{prompt.jsonStringify()}}"))
            .api()
            .profile();
    ApiProfile cookie = read(Map.of("login.tokenFrom", "cookie:SESSION")).api().profile();

    assertEquals(new ValueSource(ValueSource.Kind.HEADER, "X-Auth-Token"), header.token());
    assertTrue(header.conversation().isEmpty());
    assertEquals(new ValueSource(ValueSource.Kind.COOKIE, "SESSION"), cookie.token());
  }

  @Test
  void aConversationFetchedWithGetHasNoBodyAndItsIdMayComeFromAHeader() {
    ApiProfile p =
        read(Map.of("conversation.method", "GET", "conversation.idFrom", "header:X-Conv"))
            .api()
            .profile();

    RequestTemplate c = p.conversation().orElseThrow();
    assertEquals(RequestTemplate.Method.GET, c.method());
    assertTrue(c.body().isEmpty());
    assertEquals(new ValueSource(ValueSource.Kind.HEADER, "X-Conv"), p.conversationId());
  }

  @Test
  void aTemplateReadingAnUnknownValueFailsBeforeAnyLoadNamingTheTemplateAndTheValue() {
    String message = problem(Map.of("chat.body", "{\"q\":#{promt.jsonStringify()}}"));

    assertTrue(
        message.contains(
            "chat.body references #{promt}, which no step, feeder or setting provides"),
        message);
  }

  @Test
  void theStreamStepsValuesAreWhatItsTemplatesMayRead() {
    java.util.Set<String> values = read(Map.of()).chatValues();
    assertTrue(values.containsAll(dev.streamload.api.Values.ALWAYS), values.toString());
    assertTrue(values.contains("conversationId"), values.toString());
    assertTrue(values.contains("username"), "the account, with a login step: " + values);
    java.util.Set<String> noConversation =
        read(Map.of("conversation.mode", "none", "chat.body", "{\"q\":#{prompt.jsonStringify()}}"))
            .chatValues();
    assertFalse(noConversation.contains("conversationId"), noConversation.toString());
  }

  @Test
  void aTemplateReadingTheConversationIdWithoutAConversationIsRefused() {
    String message = problem(Map.of("conversation.mode", "none"));

    assertTrue(message.contains("chat.body references #{conversationId}"), message);
  }

  @Test
  void theLoginCannotReadThePromptWhichIsFedOnlyLater() {
    String message = problem(Map.of("login.body", "{\"p\":#{prompt.jsonStringify()}}"));

    assertTrue(message.contains("login.body references #{prompt}"), message);
  }

  @Test
  void aFeederColumnIsAValueTemplatesMayRead() {
    RunConfig config =
        read(
            "openai-chat",
            Map.of(
                "feeder.prompts", "prompts.jsonl",
                "chat.header.X-Topic", "#{topic}"));

    assertTrue(config.prompts().columns().contains("topic"));
    assertEquals("prompts.jsonl (jsonl, 3 prompts)", config.prompts().describe());
  }

  @Test
  void badMethodsTokenSourcesAndHeaderNamesAreEachNamedWithTheirProperty() {
    String message =
        problem(
            Map.of(
                "chat.method", "PUT",
                "login.tokenFrom", "jsonpath:$.t",
                "chat.header.Bad Name", "x",
                "conversation.mode", "sometimes"));

    assertTrue(message.contains("chat.method = 'PUT': expected GET or POST"), message);
    assertTrue(message.contains("login.tokenFrom = 'jsonpath:$.t': expected body"), message);
    assertTrue(message.contains("chat.header.Bad Name"), message);
    assertTrue(
        message.contains("conversation.mode = 'sometimes': expected one of request, answer, none"),
        message);
  }

  @Test
  void aGetStreamWithABodyIsRefused() {
    String message = problem(Map.of("chat.method", "GET", "chat.body", "{}"));

    assertTrue(message.contains("chat.body: a GET request has no body"), message);
  }

  @Test
  void aPresetWithoutLoginAgainstARealTargetNeedsItsKeyInTheNamedVariable() {
    String message = problem(Map.of("preset", "anthropic", "target.url", "http://127.0.0.1:9"));

    assertTrue(message.contains("environment variable ANTHROPIC_API_KEY"), message);
  }

  @Test
  void historyIsOffByDefaultAndKeepsTwentyTurnsWhenOn() {
    assertFalse(read("openai-chat", Map.of()).api().profile().history());
    assertEquals(
        20, read("openai-chat", Map.of("chat.history", "true")).api().profile().historyTurns());
  }

  @Test
  void generatedPromptsReplaceThePromptFile() {
    RunConfig config =
        read(
            Map.of("prompts.generate", "uniform:5-50", "prompts.seed", "3", "prompts.count", "40"));

    assertEquals(40, config.prompts().rows().size());
    assertTrue(config.prompts().csv().isEmpty());
    assertEquals("generated uniform:5-50 words, seed 3, 40 prompts", config.prompts().describe());
  }
}
