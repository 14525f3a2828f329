package dev.streamload.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which loopback warm-up turns run the identity chain before their stream. */
class WarmUpTurnsTest {

  @Test
  void theFirstTurnAndEveryFourthAfterItRunTheIdentityChain() {
    List<Integer> identityTurns =
        IntStream.range(0, 13).filter(ChatScenario::identityTurn).boxed().toList();

    assertEquals(List.of(0, 4, 8, 12), identityTurns);
  }
}
