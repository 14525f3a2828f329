package dev.streamload.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentChecksTest {

  @Test
  void passesEveryAnswerWhenNoCheckIsSet() {
    assertTrue(ContentChecks.none().isEmpty());
    assertEquals(Optional.empty(), ContentChecks.none().firstFailure(0, null));
  }

  @Test
  void judgesTheLengthFromTheCountAlone() {
    ContentChecks c = ContentChecks.none().withMinChars(3);
    assertEquals(Optional.empty(), c.firstFailure(3, null));
    assertEquals(
        Optional.of("check.minChars: the answer has 2 chars, at least 3 required"),
        c.firstFailure(2, null));
  }

  @Test
  void reportsTheFirstFailedCheckInTheOrderLengthMustMatchMustNotMatch() {
    ContentChecks all =
        ContentChecks.none().withMinChars(10).withMustMatch("yes").withMustNotMatch("no");
    assertTrue(all.firstFailure(2, "no").orElseThrow().startsWith("check.minChars"));
    assertTrue(all.firstFailure(20, "no no no no no").orElseThrow().startsWith("check.mustMatch"));
    assertTrue(
        all.firstFailure(20, "yes and no, no, no").orElseThrow().startsWith("check.mustNotMatch"));
    assertEquals(Optional.empty(), all.firstFailure(20, "yes, yes, yes, yes"));
  }

  @Test
  void anInvalidRegexIsRejectedNamingTheCheckTheRegexAndTheProblem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ContentChecks.none().withMustMatch("(unclosed"));
    assertTrue(e.getMessage().startsWith("check.mustMatch '(unclosed'"), e.getMessage());
    assertTrue(e.getMessage().contains("Unclosed group"), e.getMessage());
  }

  @Test
  void aBlankRegexRemovesTheCheck() {
    ContentChecks c = ContentChecks.none().withMustNotMatch("x").withMustNotMatch(" ");
    assertNull(c.mustNotMatch());
    assertTrue(c.isEmpty());
  }

  @Test
  void rejectsANegativeLength() {
    assertThrows(IllegalArgumentException.class, () -> ContentChecks.none().withMinChars(-1));
  }

  @Test
  void describesTheChecksBySettingNameWithoutQuotingAPattern() {
    assertEquals(
        "check.minChars=5, check.mustNotMatch",
        ContentChecks.none().withMinChars(5).withMustNotMatch("(?i)sorry").describe());
  }
}
