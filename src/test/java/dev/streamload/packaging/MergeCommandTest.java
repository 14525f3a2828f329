package dev.streamload.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The README's merge command ({@code mvn exec:java -Dexec.mainClass=...MergeMain}) only works when
 * the pom takes the exec plugin's main class from the property {@code exec.mainClass}: a {@code
 * <mainClass>} in the plugin's configuration would win over {@code -D} and start the mock instead.
 */
class MergeCommandTest {

  @Test
  void theExecPluginsMainClassIsAPropertyThatTheCommandLineOverrides() throws Exception {
    Document pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile());
    NodeList plugins = pom.getElementsByTagName("plugin");
    boolean found = false;
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if (text(plugin, "artifactId").equals("exec-maven-plugin")) {
        found = true;
        assertEquals(0, plugin.getElementsByTagName("mainClass").getLength(), "<mainClass> set");
      }
    }
    assertTrue(found, "no exec-maven-plugin in pom.xml");
    Element properties = (Element) pom.getElementsByTagName("properties").item(0);
    assertEquals("dev.streamload.mock.MockMain", text(properties, "exec.mainClass"));
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(readme.contains("exec:java -Dexec.mainClass=dev.streamload.merge.MergeMain"));
  }

  private static String text(Element parent, String tag) {
    NodeList n = parent.getElementsByTagName(tag);
    return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
  }
}
