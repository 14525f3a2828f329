package dev.streamload.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FreshHeapTest {

  @Test
  void itCollectsAndSaysHowLongItTook() {
    long before = FreshHeap.collections();
    FreshHeap.Collected gc = FreshHeap.collect();
    assertTrue(gc.collections() > 0, "this JVM allows explicit collections: one must have run");
    assertTrue(FreshHeap.collections() >= before + gc.collections());
    assertTrue(gc.millis() >= 0);
    assertEquals("heap collected in " + gc.millis() + " ms before the load", gc.toString());
  }

  @Test
  void aJvmThatRefusedToCollectIsNamedAsSuch() {
    assertEquals(
        "heap not collected before the load (explicit collections are off in this JVM)",
        new FreshHeap.Collected(0, 0).toString());
  }
}
