package dev.streamload.mock;

import static dev.streamload.mock.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultMixTest {

  @Test
  void parsesASpecIntoProbabilitiesPerFault() {
    FaultMix mix = FaultMix.parse("interrupt=0.05, http_429=0.02");

    assertEquals(Map.of(Fault.INTERRUPT, 0.05, Fault.HTTP_429, 0.02), mix.probabilities());
  }

  @Test
  void parsesABlankSpecAsNoFault() {
    assertTrue(FaultMix.parse("  ").isNone());
    assertTrue(FaultMix.parse(null).isNone());
  }

  @Test
  void picksFaultsInConsecutiveSlicesAndNoneForTheRemainder() {
    FaultMix mix = FaultMix.parse("http_429=0.25,interrupt=0.25");

    assertEquals(Fault.HTTP_429, mix.pick(0.0));
    assertEquals(Fault.HTTP_429, mix.pick(0.24));
    assertEquals(Fault.INTERRUPT, mix.pick(0.25));
    assertEquals(Fault.INTERRUPT, mix.pick(0.49));
    assertEquals(Fault.NONE, mix.pick(0.5));
    assertEquals(Fault.NONE, mix.pick(0.999));
  }

  @Test
  void roundTripsThroughItsSpec() {
    FaultMix mix = FaultMix.parse("stall=0.1,no_done=0.2");

    assertEquals(mix, FaultMix.parse(mix.toSpec()));
  }

  @Test
  void rejectsATokenWithoutEqualsAndNamesIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FaultMix.parse("interrupt=0.1,stall"));

    assertMentions(e.getMessage(), "'stall'", "name=probability");
  }

  @Test
  void rejectsAnUnknownFaultAndListsTheAllowedNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FaultMix.parse("explode=0.1"));

    assertMentions(e.getMessage(), "'explode=0.1'", "http_429", "interrupt");
  }

  @Test
  void rejectsAProbabilityThatIsNotANumber() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FaultMix.parse("stall=lots"));

    assertMentions(e.getMessage(), "'stall=lots'", "not a number");
  }

  @Test
  void rejectsAProbabilityAboveOne() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FaultMix.parse("stall=1.5"));

    assertMentions(e.getMessage(), "'stall=1.5'", "[0, 1]");
  }

  @Test
  void rejectsProbabilitiesSummingAboveOne() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> FaultMix.parse("stall=0.6,interrupt=0.6"));

    assertMentions(e.getMessage(), "sum");
  }

  @Test
  void rejectsAFaultGivenTwice() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FaultMix.parse("stall=0.1,stall=0.2"));

    assertMentions(e.getMessage(), "twice");
  }

  @Test
  void rejectsAProbabilityForNoneBecauseNoneIsTheRemainder() {
    assertThrows(IllegalArgumentException.class, () -> FaultMix.parse("none=0.5"));
  }

  @Test
  void looksUpFaultsByWireNameAndListsAllowedNamesOnError() {
    assertEquals(Fault.FIRST_FRAGMENT_TIMEOUT, Fault.fromWireName("first_fragment_timeout"));
    assertEquals(Fault.HTTP_503, Fault.fromWireName(" HTTP_503 "));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Fault.fromWireName("boom"));
    assertMentions(e.getMessage(), "'boom'", "connection_reset");
  }

  @Test
  void keepsEveryWireNameLowercaseAndUnique() {
    assertEquals(
        Fault.values().length,
        Arrays.stream(Fault.values()).map(Fault::wireName).distinct().count());
    for (Fault fault : Fault.values()) {
      assertEquals(fault.name().toLowerCase(Locale.ROOT), fault.wireName());
    }
  }
}
