package dev.streamload.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompilerQueueTest {

  static final String IDLE =
      "Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n\n";
  static final String C1_ONLY =
      "Current compiles: \nC1 CompilerThread0  10862       3       java.lang.String::length"
          + " (11 bytes)\n\nC1 compile queue:\n10870       3       java.util.HashMap::get (23"
          + " bytes)\n\nC2 compile queue:\nEmpty\n\n";
  static final String COMPILING =
      "Current compiles: \nC2 CompilerThread0  10800       4       io.netty.channel."
          + "AbstractChannelHandlerContext::fireChannelRead (142 bytes)\n\nC1 compile queue:\n"
          + "Empty\n\nC2 compile queue:\nEmpty\n\n";
  static final String THREE_QUEUED =
      "Current compiles: \nC2 CompilerThread0  10800       4       io.netty.channel."
          + "AbstractChannelHandlerContext::fireChannelRead (142 bytes)\n\nC1 compile queue:\n"
          + "10870       3       java.util.HashMap::get (23 bytes)\n\nC2 compile queue:\n"
          + "10871       4       io.netty.handler.codec.http.HttpObjectDecoder::decode (933 bytes)\n"
          + "10873       4       java.lang.String::indexOf (37 bytes)\n"
          + "10874 %     4       java.util.regex.Pattern$Start::match @ 12 (90 bytes)\n\n";

  @Test
  void theTextSaysWhetherC2IsBusy() {
    assertFalse(CompilerQueue.optimizerBusy(IDLE));
    assertFalse(CompilerQueue.optimizerBusy(C1_ONLY), "C1's work does not hold the warm-up");
    assertTrue(CompilerQueue.optimizerBusy(COMPILING), "a C2 compile in progress");
    assertTrue(CompilerQueue.optimizerBusy(THREE_QUEUED));
    assertFalse(CompilerQueue.optimizerBusy(""), "a JVM without the command");
  }

  @Test
  void theMethodsWaitingForC2AreCountedNotTheOneBeingCompiledNorC1s() {
    assertEquals(0, CompilerQueue.optimizerQueued(IDLE));
    assertEquals(0, CompilerQueue.optimizerQueued(C1_ONLY));
    assertEquals(0, CompilerQueue.optimizerQueued(COMPILING));
    assertEquals(3, CompilerQueue.optimizerQueued(THREE_QUEUED));
    assertEquals(0, CompilerQueue.optimizerQueued(""));
  }

  @Test
  void thisJvmsCompilerQueueIsReadThroughTheDiagnosticCommand() {
    CompilerQueue queue = new CompilerQueue();
    String text = queue.read();
    assertTrue(queue.available(), "HotSpot's compilerQueue command answered");
    assertTrue(text.contains("C2 compile queue:"), text);
    assertTrue(queue.optimizerQueued() >= 0);
  }
}
