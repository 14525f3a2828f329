package dev.streamload.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes example (docs/kubernetes) cannot run here (no cluster): this checks the structure
 * of its manifests, so that the example says what the README says it does.
 */
class KubernetesExampleTest {

  static final Path DIR = Path.of("docs/kubernetes");
  static final String INDEX_ANNOTATION =
      "metadata.annotations['batch.kubernetes.io/job-completion-index']";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String file) throws IOException {
    Object doc = new Yaml().load(Files.readString(DIR.resolve(file)));
    assertTrue(doc instanceof Map, file + " is not one YAML object");
    return (Map<String, Object>) doc;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String... path) {
    Map<String, Object> m = parent;
    for (String key : path) {
      Object next = m.get(key);
      assertTrue(next instanceof Map, "no object '" + key + "' in " + m.keySet());
      m = (Map<String, Object>) next;
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    assertTrue(v instanceof List, "no list '" + key + "' in " + parent.keySet());
    return (List<Map<String, Object>>) v;
  }

  private static Map<String, Object> onlyContainer(Map<String, Object> job) {
    List<Map<String, Object>> containers = list(map(job, "spec", "template", "spec"), "containers");
    assertEquals(1, containers.size());
    return containers.get(0);
  }

  private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
    Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
    for (Map<String, Object> e : list(container, "env")) {
      out.put((String) e.get("name"), e);
    }
    return out;
  }

  /** The claim name of the volume mounted at {@code mountPath}. */
  private static String claimMountedAt(Map<String, Object> job, String mountPath) {
    Map<String, Object> pod = map(job, "spec", "template", "spec");
    String volume = null;
    for (Map<String, Object> m : list(onlyContainer(job), "volumeMounts")) {
      if (mountPath.equals(m.get("mountPath"))) {
        volume = (String) m.get("name");
      }
    }
    assertNotNull(volume, "nothing mounted at " + mountPath);
    for (Map<String, Object> v : list(pod, "volumes")) {
      if (volume.equals(v.get("name"))) {
        return (String) map(v, "persistentVolumeClaim").get("claimName");
      }
    }
    throw new AssertionError("no volume " + volume);
  }

  @Test
  void theInjectorsAreAnIndexedJobWhoseCompletionIndexIsTheInjectorIndex() throws IOException {
    Map<String, Object> job = load("injectors-job.yaml");
    assertEquals("batch/v1", job.get("apiVersion"));
    assertEquals("Job", job.get("kind"));
    Map<String, Object> spec = map(job, "spec");
    assertEquals("Indexed", spec.get("completionMode"));
    int completions = (Integer) spec.get("completions");
    assertEquals(completions, spec.get("parallelism"), "every injector runs at once");
    assertEquals(0, spec.get("backoffLimitPerIndex"), "an injector is never retried");
    assertTrue(spec.get("activeDeadlineSeconds") instanceof Integer, "the job is bounded");
    assertEquals("Never", map(spec, "template", "spec").get("restartPolicy"));

    Map<String, Map<String, Object>> env = env(onlyContainer(job));
    assertEquals(
        INDEX_ANNOTATION,
        map(env.get(Settings.envName("injector.index")), "valueFrom", "fieldRef").get("fieldPath"));
    assertEquals(
        Integer.toString(completions), env.get(Settings.envName("injector.count")).get("value"));
    assertEquals(
        "startAt",
        map(env.get(Settings.envName("injector.startAt")), "valueFrom", "configMapKeyRef")
            .get("key"));
  }

  @Test
  void eachInjectorWritesItsOwnFolderOnTheVolumeTheMergeReads() throws IOException {
    Map<String, Object> injectors = load("injectors-job.yaml");
    Map<String, Object> merge = load("merge-job.yaml");
    Map<String, Object> volume = load("results-volume.yaml");

    assertEquals("PersistentVolumeClaim", volume.get("kind"));
    String claim = (String) map(volume, "metadata").get("name");
    assertTrue(((List<?>) map(volume, "spec").get("accessModes")).contains("ReadWriteMany"));
    assertEquals(claim, claimMountedAt(injectors, "/results"));
    assertEquals(claim, claimMountedAt(merge, "/results"));

    List<?> args = (List<?>) onlyContainer(injectors).get("args");
    assertTrue(
        args.contains("-Dresults.dir=/results/$(RUN_ID)/injector-$(STREAMLOAD_INJECTOR_INDEX)"),
        "one folder per run and injector: " + args);
    String script = String.join(" ", (List<String>) (List<?>) onlyContainer(merge).get("args"));
    assertTrue(script.contains("-Dexec.mainClass=dev.streamload.merge.MergeMain"), script);
    assertTrue(script.contains("/results/$RUN_ID/injector-*"), script);
    assertTrue(script.contains("injector.json"), script);
  }

  @Test
  void everyStreamloadVariableOfTheManifestsIsADocumentedProperty() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    // The first cell of every table row names its properties, e.g. | `login.usernameField` / ...
    Pattern name = Pattern.compile("`([a-zA-Z][a-zA-Z.]*)`");
    Set<String> documented = new HashSet<>();
    for (String line : readme.split("\\R")) {
      String[] cells = line.split("\\|");
      if (line.startsWith("|") && cells.length > 2) {
        Matcher m = name.matcher(cells[1]);
        while (m.find()) {
          documented.add(Settings.envName(m.group(1)));
        }
      }
    }
    List<String> unknown = new ArrayList<>();
    for (String file : List.of("injectors-job.yaml", "merge-job.yaml")) {
      for (String variable : env(onlyContainer(load(file))).keySet()) {
        if (variable.startsWith("STREAMLOAD_") && !documented.contains(variable)) {
          unknown.add(file + ": " + variable);
        }
      }
    }
    assertTrue(unknown.isEmpty(), "not a README property: " + unknown);
    assertFalse(documented.isEmpty());
  }

  @Test
  void theExampleSaysItWasNotRunHereAndRunShUsesItsManifests() throws IOException {
    String readme = Files.readString(DIR.resolve("README.md"));
    assertTrue(readme.contains("has not been run here"), "the docs must say so");
    String run = Files.readString(DIR.resolve("run.sh"));
    for (String manifest : List.of("results-volume.yaml", "injectors-job.yaml", "merge-job.yaml")) {
      assertTrue(run.contains("-f " + manifest), "run.sh does not apply " + manifest);
      assertTrue(Files.exists(DIR.resolve(manifest)));
    }
    assertTrue(run.contains("--from-literal=startAt="), "run.sh sets the start instant");
    assertTrue(run.contains("--from-literal=runId="), "run.sh sets the run id");
  }
}
