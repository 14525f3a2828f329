package dev.streamload.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void replacesEveryKnownSecretWhereverTheServerEchoedIt() {
    Redactor r = new Redactor(List.of("sk-live-123456", "hdr-secret"));

    assertEquals(
        "invalid token *** of alice (password ***, key ***, header ***)",
        r.redact(
            "invalid token tok-abcdef of alice (password pw-9f1c, key sk-live-123456, header"
                + " hdr-secret)",
            "tok-abcdef",
            "pw-9f1c"));
  }

  @Test
  void aSecretThatContainsAnotherIsReplacedWhole() {
    Redactor r = new Redactor(List.of("abcd", "abcdefgh"));

    assertEquals("x *** y", r.redact("x abcdefgh y"));
  }

  @Test
  void shortOrMissingValuesAreNotTreatedAsSecrets() {
    Redactor r = new Redactor(Arrays.asList(null, "ab"));

    assertEquals("ab is fine", r.redact("ab is fine", null, "x"));
    assertNull(r.redact(null));
  }
}
