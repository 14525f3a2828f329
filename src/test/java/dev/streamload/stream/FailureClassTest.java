package dev.streamload.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailureClassTest {

  @Test
  void everyClassHasItsOwnReportMessageThatStartsWithItsWireName() {
    Set<String> seen = new HashSet<>();
    for (FailureClass c : FailureClass.values()) {
      assertTrue(c.reportMessage().startsWith(c.wireName() + ": "), c.reportMessage());
      assertFalse(c.explanation().isBlank(), c.name());
      assertTrue(seen.add(c.reportMessage()), "duplicate message " + c.reportMessage());
    }
  }

  @Test
  void wireNamesRoundTrip() {
    for (FailureClass c : FailureClass.values()) {
      assertEquals(c, FailureClass.fromWireName(c.wireName()));
    }
  }
}
