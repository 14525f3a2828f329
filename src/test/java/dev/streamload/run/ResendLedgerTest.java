package dev.streamload.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamload.stream.FailureClass;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResendLedgerTest {

  @Test
  void aBlockedReSendOfAStreamThatEndedInterruptedIsCountedOnceWhateverTheOrder() {
    ResendLedger ledger = new ResendLedger();
    ledger.resendBlocked("before-end");
    ledger.resendBlocked("before-end");
    ledger.streamEnded("before-end", Optional.of(FailureClass.INTERRUPTED));
    ledger.streamEnded("after-end", Optional.of(FailureClass.INTERRUPTED));
    ledger.resendBlocked("after-end");
    ledger.streamEnded("never-resent", Optional.of(FailureClass.INTERRUPTED));

    assertEquals(2, ledger.interruptedWithBlockedResend());
    assertEquals(0, ledger.otherStreamsWithBlockedResend());
  }

  @Test
  void aBlockedReSendOfACompletedOrStalledStreamIsNotAnInterruptedOne() {
    ResendLedger ledger = new ResendLedger();
    ledger.resendBlocked("stale-keep-alive");
    ledger.streamEnded("stale-keep-alive", Optional.empty());
    ledger.streamEnded("stalled", Optional.of(FailureClass.STALLED));
    ledger.resendBlocked("stalled");

    assertEquals(0, ledger.interruptedWithBlockedResend());
    assertEquals(2, ledger.otherStreamsWithBlockedResend());
  }
}
