package dev.streamload.endtoend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.streamload.simulations.ChatStreamSimulation;
import dev.streamload.testing.GatlingRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Runs with a known password, token and extra secret header, successful and failing (with server
 * replies that repeat the secrets where a failure detail could pick them up), and looks for those
 * secrets in everything the run left behind: log events (the project's loggers at DEBUG, Gatling's
 * at the configured WARN), summary.json, streams.jsonl, dashboard.html, injector.json,
 * histograms.hlog, and Gatling's simulation.log and HTML report. Gatling's own DEBUG/TRACE request
 * logging prints headers by design; logback-test.xml says so where it can be switched on.
 */
class SecretsTest {

  static final String PASSWORD = "S3cret-Passw0rd-9f1c";
  static final String TOKEN = "tok-5ecret-7d3a9b";
  static final String HEADER_SECRET = "hdr-5ecret-41e2";

  @TempDir Path dir;
  WireMockServer wiremock;
  ListAppender<ILoggingEvent> logs;
  Appender<ILoggingEvent> console;
  Logger projectLogger;
  Level previousLevel;

  @BeforeEach
  void start() throws Exception {
    // An earlier in-process Gatling run may have reset logback (Gatling stops it when a run
    // ends); load the project's logback-test.xml again so Gatling's loggers are at WARN as in
    // every real run, and only the project's own loggers are raised to DEBUG below.
    ch.qos.logback.classic.LoggerContext context =
        (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    ch.qos.logback.classic.joran.JoranConfigurator configurator =
        new ch.qos.logback.classic.joran.JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getClassLoader().getResource("logback-test.xml"));
    wiremock = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    wiremock.start();
    wiremock.stubFor(
        post(urlEqualTo("/api/auth/login")).willReturn(okJson("{\"token\":\"" + TOKEN + "\"}")));
    wiremock.stubFor(
        post(urlEqualTo("/api/conversations"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .willReturn(okJson("{\"conversationId\":\"c1\"}")));
    logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    // The DEBUG lines are for the scan below, not for the build's console.
    console = root.getAppender("CONSOLE");
    root.detachAppender(console);
    projectLogger = (Logger) LoggerFactory.getLogger("dev.streamload");
    previousLevel = projectLogger.getLevel();
    projectLogger.setLevel(Level.DEBUG);
  }

  @AfterEach
  void stop() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(logs);
    if (console != null) {
      root.addAppender(console);
    }
    projectLogger.setLevel(previousLevel);
    wiremock.stop();
  }

  private GatlingRun.Result run() throws IOException {
    Path accounts = dir.resolve("accounts.csv");
    Files.writeString(
        accounts, "username,password\nalice," + PASSWORD + "\n", StandardCharsets.UTF_8);
    return GatlingRun.run(
        ChatStreamSimulation.class,
        Map.of(
            "target.url",
            wiremock.baseUrl(),
            "feeder.accounts",
            accounts.toString(),
            "target.headers",
            "X-Api-Secret: " + HEADER_SECRET,
            "smoke.users",
            "2",
            "timeout.firstFragment",
            "2s",
            "timeout.stream",
            "3s"),
        dir,
        true);
  }

  private void assertNoSecretAnywhere(GatlingRun.Result result) throws IOException {
    List<String> found = new ArrayList<>();
    for (String line : result.consoleEnd()) {
      for (String secret : List.of(PASSWORD, TOKEN, HEADER_SECRET)) {
        if (line.contains(secret)) {
          found.add(secret + " on the console: " + line);
        }
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (!Files.isRegularFile(file) || file.getFileName().toString().equals("accounts.csv")) {
          continue;
        }
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String secret : List.of(PASSWORD, TOKEN, HEADER_SECRET)) {
          if (content.contains(secret)) {
            found.add(secret + " in " + dir.relativize(file));
          }
        }
      }
    }
    for (ILoggingEvent event : logs.list) {
      String text =
          event.getFormattedMessage()
              + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
      for (String secret : List.of(PASSWORD, TOKEN, HEADER_SECRET)) {
        if (text.contains(secret)) {
          found.add(secret + " in log: " + event.getLoggerName() + " " + event.getLevel());
        }
      }
    }
    assertTrue(found.isEmpty(), "secrets leaked: " + found);
  }

  @Test
  void aSuccessfulRunLeavesNoSecretInLogsResultsOrTheReport() throws IOException {
    wiremock.stubFor(
        post(urlEqualTo("/api/chat/stream"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody("data: {\"delta\":\"hi\"}\n\ndata: [DONE]\n\n")));

    GatlingRun.Result result = run();

    assertEquals(2, result.streams("completed"), result.summary().toString());
    assertFalse(logs.list.isEmpty(), "the test must see the run's log events");
    assertTrue(Files.exists(dir.resolve("gatling")), "the HTML report must be scanned too");
    assertNoSecretAnywhere(result);
  }

  /** A server reply that repeats every secret of the request, as careless error handlers do. */
  static final String ECHO =
      "token "
          + TOKEN
          + " of alice (password "
          + PASSWORD
          + ", X-Api-Secret "
          + HEADER_SECRET
          + ")";

  /**
   * Failing streams whose replies echo the secrets, each read by a different failure path: a status
   * error with a body, an in-stream error event, and a JSON error body sent with 200.
   */
  @ParameterizedTest
  @CsvSource({
    "401, application/json, http_401",
    "200, text/event-stream, error_event",
    "200, application/json, wrong_content_type"
  })
  void aRunWhoseFailuresEchoTheSecretsLeavesNoSecretEither(
      int status, String contentType, String failureClass) throws IOException {
    String error = "{\"error\":{\"message\":\"" + ECHO + "\"}}";
    String body = contentType.equals("text/event-stream") ? "data: " + error + "\n\n" : error;
    wiremock.stubFor(
        post(urlEqualTo("/api/chat/stream"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", contentType)
                    .withHeader("WWW-Authenticate", "Bearer " + TOKEN)
                    .withBody(body)));

    GatlingRun.Result result = run();

    assertEquals(2, result.failures(failureClass), result.summary().toString());
    for (JsonNode stream : result.streams()) {
      assertEquals(failureClass, stream.path("failure").asText(), stream.toString());
      assertFalse(stream.path("detail").asText().isEmpty(), "a failure detail was written");
    }
    assertEquals(
        "streamload: 0 of 2 streams completed; failed: 2 "
            + failureClass
            + " (failed streams fail the build only with an SLO: -Dslo.maxFailedPercent=0)",
        result.consoleEnd().get(0));
    assertEquals(0, result.exitCode(), "without an SLO, failed streams do not fail the run");
    assertNoSecretAnywhere(result);
  }
}
