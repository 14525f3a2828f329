package dev.streamload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.config.RunConfig.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {

  @TempDir Path dir;

  private static RunConfig read(Map<String, String> props) {
    return RunConfig.read(new Settings(props, Map.of()), Dialect.CHAT);
  }

  private static ConfigException invalid(Map<String, String> props) {
    return assertThrows(ConfigException.class, () -> read(props));
  }

  @Test
  void defaultsDescribeASmokeRunAgainstTheEmbeddedMock() {
    RunConfig config = read(Map.of());
    assertTrue(config.embedded());
    assertEquals(LoadProfile.SMOKE, config.load().profile());
    assertEquals("[DONE]", config.stream().endMarker());
    assertEquals(List.of("delta"), config.stream().textPaths());
    assertEquals("X-Request-Id", config.api().requestIdHeader());
    assertTrue(config.slo().isEmpty());
  }

  @Test
  void systemPropertyWinsOverEnvironmentWhichWinsOverDefault() {
    Settings both =
        new Settings(
            Map.of("staircase.steps", "7"),
            Map.of("STREAMLOAD_STAIRCASE_STEPS", "9", "STREAMLOAD_SMOKE_USERS", "3"));
    LoadConfig load = LoadConfig.read(both);
    assertEquals(7, load.steps());
    assertEquals(3, load.smokeUsers());
    assertEquals(Duration.ofSeconds(30), load.stepDuration());
  }

  @Test
  void unknownProfileNamesTheAllowedOnes() {
    ConfigException e = invalid(Map.of("profile", "soak"));
    assertTrue(e.getMessage().contains("profile = 'soak'"), e.getMessage());
    assertTrue(e.getMessage().contains("smoke, staircase, concurrency"), e.getMessage());
  }

  @Test
  void compilerThreadsGoIdleForTheLoadUnlessToldOtherwise() {
    assertEquals(CompilerPriority.IDLE, read(Map.of()).compilerPriority());
    assertEquals(
        CompilerPriority.NORMAL,
        read(Map.of("warmUp.compilerPriority", "Normal")).compilerPriority());
    ConfigException e = invalid(Map.of("warmUp.compilerPriority", "lowest"));
    assertTrue(
        e.getMessage().contains("warmUp.compilerPriority = 'lowest'")
            && e.getMessage().contains("idle, low, normal"),
        e.getMessage());
  }

  @Test
  void zeroAndNegativeRatesAreRejectedWithTheirProperty() {
    ConfigException e = invalid(Map.of("staircase.startRate", "0", "staircase.stepRate", "-1"));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).startsWith("staircase.startRate = '0'"), e.getMessage());
    assertTrue(e.problems().get(1).startsWith("staircase.stepRate = '-1'"), e.getMessage());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigException e =
        invalid(
            Map.of(
                "staircase.steps", "many",
                "timeout.firstFragment", "10",
                "target.url", "localhost:8080",
                "chat.path", "api/chat"));
    assertEquals(4, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("a duration with a unit"), e.getMessage());
    assertTrue(e.getMessage().contains("http:// or https://"), e.getMessage());
    assertTrue(e.getMessage().contains("starting with '/'"), e.getMessage());
  }

  @Test
  void durationsAcceptUnitsAndRejectOutOfRangeTimeouts() {
    RunConfig ok = read(Map.of("timeout.firstFragment", "1.5s", "timeout.stream", "2m"));
    assertEquals(Duration.ofMillis(1500), ok.stream().firstFragmentTimeout());
    assertEquals(Duration.ofMinutes(2), ok.stream().streamTimeout());
    ConfigException e = invalid(Map.of("timeout.idle", "2h"));
    assertTrue(e.getMessage().contains("timeout.idle = '2h'"), e.getMessage());
  }

  @Test
  void rampsShorterThanASecondAreRejectedBecauseGatlingWouldInjectNobody() {
    ConfigException e = invalid(Map.of("concurrency.ramp", "500ms"));
    assertTrue(e.getMessage().contains("concurrency.ramp = '500ms'"), e.getMessage());
    assertEquals(Duration.ofSeconds(2), read(Map.of("concurrency.ramp", "2s")).load().usersRamp());
  }

  @Test
  void aTextPathWithBadSyntaxIsAConfigurationProblem() {
    ConfigException e = invalid(Map.of("stream.textPaths", "choices[x].delta"));
    assertTrue(e.getMessage().contains("stream.textPaths"), e.getMessage());
  }

  @Test
  void streamTimeoutShorterThanFirstFragmentTimeoutIsRejected() {
    ConfigException e = invalid(Map.of("timeout.firstFragment", "10s", "timeout.stream", "5s"));
    assertTrue(e.getMessage().contains("timeout.stream"), e.getMessage());
  }

  @Test
  void targetUrlLosesItsTrailingSlash() {
    assertEquals(
        "https://chat.example.com",
        read(Map.of("target.url", "https://chat.example.com/")).api().baseUrl().orElseThrow());
  }

  @Test
  void extraHeadersAreParsedAndTheirValuesNeverPrinted() {
    RunConfig config = read(Map.of("target.headers", "X-Tenant: acme; X-Api-Secret: s3cr3t"));
    assertEquals(Map.of("X-Tenant", "acme", "X-Api-Secret", "s3cr3t"), config.api().headers());
    assertFalse(config.toString().contains("s3cr3t"), config.toString());
    ConfigException e = invalid(Map.of("target.headers", "no-colon-s3cr3t"));
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    assertTrue(e.getMessage().contains("target.headers"), e.getMessage());
  }

  @Test
  void missingFeederFileNamesThePropertyAndTheFile() {
    ConfigException e = invalid(Map.of("feeder.accounts", "nope/accounts.csv"));
    assertTrue(
        e.getMessage().contains("feeder.accounts = 'nope/accounts.csv': file not found"),
        e.getMessage());
  }

  @Test
  void feederRowWithAnEmptyPasswordIsRejectedWithoutEchoingPasswords() throws IOException {
    Path accounts = dir.resolve("accounts.csv");
    Files.writeString(accounts, "username,password\nalice,hunter2\nbob,\n", StandardCharsets.UTF_8);
    ConfigException e = invalid(Map.of("feeder.accounts", accounts.toString()));
    assertTrue(e.getMessage().contains("line 3 has an empty 'password'"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void feederWithoutTheRequiredColumnIsRejected() throws IOException {
    Path prompts = dir.resolve("prompts.csv");
    Files.writeString(prompts, "question\nhello\n", StandardCharsets.UTF_8);
    ConfigException e = invalid(Map.of("feeder.prompts", prompts.toString()));
    assertTrue(e.getMessage().contains("lacks column(s) [prompt]"), e.getMessage());
  }

  @Test
  void openAiModeAgainstARealTargetNeedsAnApiKeyFromTheEnvironment() {
    Map<String, String> props = new HashMap<>(Map.of("target.url", "http://127.0.0.1:9"));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> RunConfig.read(new Settings(props, Map.of()), Dialect.OPENAI));
    assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    RunConfig withKey =
        RunConfig.read(
            new Settings(props, Map.of("OPENAI_API_KEY", "sk-test-123")), Dialect.OPENAI);
    assertEquals("sk-test-123", withKey.apiKey().orElseThrow());
    assertFalse(withKey.toString().contains("sk-test-123"));
    assertEquals(
        List.of("choices[0].delta.content", "choices[0].delta.reasoning_content"),
        withKey.stream().textPaths());
  }

  @Test
  void againstTheEmbeddedMockTheMockKeyIsSentEvenWhenTheEnvironmentHoldsARealKey() {
    RunConfig config =
        RunConfig.read(
            new Settings(Map.of(), Map.of("OPENAI_API_KEY", "sk-real-key-4711")), Dialect.OPENAI);

    assertEquals(RunConfig.MOCK_API_KEY, config.openAiKey());
    assertEquals(
        "the embedded mock's key (OPENAI_API_KEY is set but not sent to the mock)",
        config.apiKeySource());
    assertEquals(
        "the embedded mock's key",
        RunConfig.read(new Settings(Map.of(), Map.of()), Dialect.OPENAI).apiKeySource());
  }

  @Test
  void againstARealTargetTheKeyComesFromTheNamedVariableAndOnlyItsNameIsShown() {
    RunConfig config =
        RunConfig.read(
            new Settings(
                Map.of("target.url", "http://127.0.0.1:9", "openai.apiKeyEnv", "MY_KEY"),
                Map.of("MY_KEY", "sk-real-key-4711")),
            Dialect.OPENAI);

    assertEquals("sk-real-key-4711", config.openAiKey());
    assertEquals("environment variable MY_KEY", config.apiKeySource());
    assertFalse(config.apiKeySource().contains("sk-real"));
  }

  @Test
  void theBaseUrlIsPrintedWithoutUserInfoOrQuery() {
    assertEquals(
        "https://chat.example.com:8443/v1",
        ApiConfig.withoutCredentials("https://bob:s3cret@chat.example.com:8443/v1?key=abc#x"));
    assertEquals("http://127.0.0.1:8089", ApiConfig.withoutCredentials("http://127.0.0.1:8089"));
  }

  @Test
  void sloPropertiesBecomeObjectivesAndAbsentOnesStayEmpty() {
    SloConfig slo = read(Map.of("slo.ttftP95", "800ms", "slo.maxFailedPercent", "1.5")).slo();
    assertEquals(Duration.ofMillis(800), slo.ttftP95().orElseThrow());
    assertEquals(1.5, slo.maxFailedPercent().orElseThrow());
    assertTrue(slo.e2eP95().isEmpty());
    ConfigException e = invalid(Map.of("slo.maxFailedPercent", "150"));
    assertTrue(e.getMessage().contains("slo.maxFailedPercent = '150'"), e.getMessage());
  }
}
