package dev.streamload.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Builds the Gatling Enterprise package the way the README says ({@code mvn
 * gatling:enterprisePackage -Denterprise}, a separate Maven run in {@code target/enterprise}) and
 * checks what is in it: the simulations, the product's classes and HdrHistogram; no test class, no
 * test-only library, no Gatling (Enterprise brings its own), no secret; and a descriptor that names
 * the same simulations.
 */
class EnterprisePackageTest {

  /** Longest the package build may take (it compiles the product again, on a shared machine). */
  static final Duration BUILD_TIMEOUT = Duration.ofMinutes(4);

  static final List<String> SIMULATIONS =
      List.of(
          "dev.streamload.simulations.AnthropicSimulation",
          "dev.streamload.simulations.ChatStreamSimulation",
          "dev.streamload.simulations.OpenAiChatSimulation",
          "dev.streamload.simulations.PresetSimulation",
          "dev.streamload.simulations.WebSocketChatSimulation");

  /** Path prefixes of libraries that only the tests use, and of Gatling itself. */
  static final List<String> NOT_IN_PACKAGE =
      List.of(
          "org/junit/",
          "org/opentest4j/",
          "org/apiguardian/",
          "wiremock/",
          "com/github/tomakehurst/",
          "org/wiremock/",
          "org/yaml/",
          "com/tngtech/archunit/",
          "org/pitest/",
          "io/gatling/",
          "dev/streamload/testing/",
          "dev/streamload/endtoend/",
          "dev/streamload/bench/",
          "dev/streamload/packaging/");

  /** Text that would be a secret in a package: keys, tokens, private keys. */
  static final Pattern SECRET =
      Pattern.compile(
          "-----BEGIN [A-Z ]*PRIVATE KEY-----|\\bsk-[A-Za-z0-9_-]{16,}|(?i)bearer\\s+[A-Za-z0-9._-]{16,}"
              + "|(?i)(api[_-]?key|token|secret|password)\\s*[=:]\\s*['\"]?[A-Za-z0-9_-]{8,}");

  static final Path BASEDIR = Path.of("").toAbsolutePath();
  static final Path JAR = BASEDIR.resolve("target/enterprise/streamload-0.1.0-SNAPSHOT-shaded.jar");

  static Set<String> entries = new TreeSet<>();

  @BeforeAll
  static void buildThePackage() throws Exception {
    Files.deleteIfExists(JAR);
    String home = System.getProperty("maven.home");
    String mvn = home != null && !home.isBlank() ? Path.of(home, "bin", "mvn").toString() : "mvn";
    Path log = BASEDIR.resolve("target/enterprise-package.log");
    Files.createDirectories(log.getParent());
    Process p =
        new ProcessBuilder(mvn, "-B", "-q", "gatling:enterprisePackage", "-Denterprise")
            .directory(BASEDIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the package build took longer than " + BUILD_TIMEOUT);
    }
    assertEquals(0, p.exitValue(), "package build failed:\n" + Files.readString(log));
    assertTrue(Files.isRegularFile(JAR), "no package at " + JAR);
    try (JarFile jar = new JarFile(JAR.toFile())) {
      jar.stream().map(JarEntry::getName).forEach(entries::add);
    }
  }

  @Test
  void thePackageHoldsTheSimulationsTheProductAndItsOneExtraLibrary() {
    for (String simulation : SIMULATIONS) {
      assertTrue(entries.contains(simulation.replace('.', '/') + ".class"), simulation);
    }
    for (String product :
        List.of(
            "dev/streamload/run/StreamloadRun.class",
            "dev/streamload/chains/ChatScenario.class",
            "dev/streamload/mock/MockChatServer.class",
            "dev/streamload/merge/MergeMain.class",
            "org/HdrHistogram/Histogram.class",
            "accounts.csv",
            "prompts.csv",
            "gatling.conf")) {
      assertTrue(entries.contains(product), product);
    }
  }

  @Test
  void thePackageHoldsNoTestClassNoTestOnlyLibraryAndNoGatling() {
    List<String> wrong = new ArrayList<>();
    for (String e : entries) {
      boolean testClass = e.startsWith("dev/streamload/") && e.matches(".*Test(\\$.*)?\\.class");
      if (testClass || NOT_IN_PACKAGE.stream().anyMatch(e::startsWith)) {
        wrong.add(e);
      }
    }
    assertTrue(wrong.isEmpty(), "not for the package: " + wrong);
  }

  @Test
  void thePackageHoldsNoSecretAndOnlyTheMocksOwnAccounts() throws IOException {
    List<String> found = new ArrayList<>();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (Enumeration<JarEntry> it = jar.entries(); it.hasMoreElements(); ) {
        JarEntry e = it.nextElement();
        String name = e.getName().toLowerCase();
        if (name.endsWith(".pem")
            || name.endsWith(".key")
            || name.contains(".env")
            || name.endsWith(".p12")
            || name.endsWith(".jks")) {
          found.add(e.getName());
        }
        if (e.isDirectory() || name.endsWith(".class")) {
          continue;
        }
        try (InputStream in = jar.getInputStream(e)) {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          if (SECRET.matcher(text).find()) {
            found.add(e.getName());
          }
          if (name.equals("accounts.csv")) {
            for (String line : text.split("\\R")) {
              assertTrue(
                  line.equals("username,password") || line.matches("user(\\d+),pass-\\1"),
                  "accounts.csv holds more than the mock's accounts: " + line);
            }
          }
        }
      }
    }
    assertTrue(found.isEmpty(), "look like secrets: " + found);
  }

  @Test
  void theManifestAndTheDescriptorNameTheSameSimulations() throws IOException {
    String simulations;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      simulations = jar.getManifest().getMainAttributes().getValue("Gatling-Simulations");
    }
    assertEquals(new TreeSet<>(SIMULATIONS), new TreeSet<>(List.of(simulations.split(","))));
    Config descriptor =
        ConfigFactory.parseFile(BASEDIR.resolve(".gatling/package.conf").toFile())
            .getConfig("gatling.enterprise.package");
    Set<String> named = new TreeSet<>();
    descriptor.getConfigList("simulations").forEach(c -> named.add(c.getString("simulation")));
    assertEquals(new TreeSet<>(SIMULATIONS), named);
  }

  @Test
  void everyDefaultPropertyOfTheDescriptorIsAReadmeProperty() throws IOException {
    String readme = Files.readString(BASEDIR.resolve("README.md"));
    Config descriptor =
        ConfigFactory.parseFile(BASEDIR.resolve(".gatling/package.conf").toFile())
            .getConfig("gatling.enterprise.package");
    List<Config> blocks = new ArrayList<>();
    blocks.add(descriptor.getConfig("default.simulation"));
    blocks.addAll(descriptor.getConfigList("simulations"));
    int seen = 0;
    for (Config block : blocks) {
      if (!block.hasPath("parameters.systemProperties")) {
        continue;
      }
      for (String key : block.getObject("parameters.systemProperties").keySet()) {
        assertTrue(readme.contains("`" + key + "`"), key + " is not documented in README.md");
        seen++;
      }
    }
    assertFalse(seen == 0, "the descriptor sets no default property");
    assertFalse(
        new File(BASEDIR.toFile(), ".gatling/package.conf").length() == 0, "empty descriptor");
  }
}
