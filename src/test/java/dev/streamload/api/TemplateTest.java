package dev.streamload.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTest {

  @Test
  void referencesAreTheSessionValueNamesEachDynamicPartStartsWith() {
    Template t =
        Template.inline(
            "chat.body",
            "{\"a\":#{prompt.jsonStringify()},\"b\":#{messages(0)},\"c\":#{turn},"
                + "\"d\":#{prompt},\"e\":#{currentTimeMillis()},\"f\":#{randomUuid()}}");

    assertEquals(List.of("prompt", "messages", "turn"), List.copyOf(t.references()));
  }

  @Test
  void aTextWithoutDynamicPartsIsStaticAndReferencesNothing() {
    Template t = Template.inline("conversation.body", "{\"title\":\"load test\"}");

    assertTrue(t.isStatic());
    assertTrue(t.references().isEmpty());
  }

  @Test
  void anUnclosedDynamicPartIsRefusedNamingTheProperty() {
    Template t = Template.inline("chat.body", "{\"a\":#{prompt, \"b\":#{turn}}");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, t::references);

    assertTrue(e.getMessage().startsWith("chat.body: a '#{' is never closed"), e.getMessage());
  }

  @Test
  void aDynamicPartWithoutANameIsRefusedNamingItsText() {
    Template t = Template.inline("chat.path", "/x/#{.size()}");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, t::references);

    assertTrue(e.getMessage().contains("'#{.size()}'"), e.getMessage());
  }

  @Test
  void anAtSignLoadsTheTemplateFromTheClasspathAndNamesTheFileInMessages() {
    Template t = Template.of("chat.body", "@templates/custom-chat.json");

    assertTrue(t.text().startsWith("{\"question\": #{prompt.jsonStringify()}"), t.text());
    assertEquals(Set.of("prompt", "conversationId"), t.references());
    assertEquals("chat.body (templates/custom-chat.json)", t.where());
  }

  @Test
  void aMissingTemplateFileIsRefusedNamingThePropertyAndTheFile() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Template.of("login.body", "@nope/login.json"));

    assertTrue(
        e.getMessage().startsWith("login.body = '@nope/login.json': template file not found"),
        e.getMessage());
  }

  @Test
  void aRequestNamesTheFirstTemplateThatReadsAnUnknownValue() {
    RequestTemplate r =
        new RequestTemplate(
            "chat",
            RequestTemplate.Method.POST,
            Template.inline("chat.path", "/v1/#{model}"),
            Map.of("X-Trace", Template.inline("chat.header.X-Trace", "#{traceId}")),
            Map.of(),
            Template.inline("chat.body", "{}"));

    String problem = r.unknownReference(Set.of("model", "prompt"));

    assertTrue(
        problem.startsWith(
            "chat.header.X-Trace references #{traceId}, which no step, feeder or setting"
                + " provides"),
        problem);
    assertFalse(problem.contains("null"));
  }

  @Test
  void aGetRequestWithABodyIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new RequestTemplate(
                    "chat",
                    RequestTemplate.Method.GET,
                    Template.inline("chat.path", "/s"),
                    Map.of(),
                    Map.of(),
                    Template.inline("chat.body", "{}")));

    assertTrue(e.getMessage().startsWith("chat.body: a GET request has no body"), e.getMessage());
  }
}
