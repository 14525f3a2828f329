package dev.streamload.gatling;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The first bytes of the body of a response the stream rejects (status 400, 429, 500 ...), kept for
 * the stream's failure detail: at most {@link #MAX_BYTES} bytes are copied, the text is flattened
 * to one line and cut to {@link #MAX_CHARS} characters. Credentials in it are masked later, with
 * every other detail (the run's redactor).
 */
final class ErrorBody {

  /** Most bytes copied from the body. */
  static final int MAX_BYTES = 1_024;

  /** Most characters of the flattened text kept. */
  static final int MAX_CHARS = 200;

  private final byte[] bytes = new byte[MAX_BYTES];
  private int length;

  /** Copies what still fits of {@code chunk}, without consuming it. */
  void append(ByteBuf chunk) {
    int n = Math.min(chunk.readableBytes(), MAX_BYTES - length);
    if (n > 0) {
      chunk.getBytes(chunk.readerIndex(), bytes, length, n);
      length += n;
    }
  }

  /** True once {@link #MAX_BYTES} bytes are in. */
  boolean full() {
    return length == MAX_BYTES;
  }

  /** The body start as one line of at most {@link #MAX_CHARS} characters ("..." if cut). */
  String text() {
    return flatten(decode(bytes, length));
  }

  static String flatten(String body) {
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() <= MAX_CHARS ? flat : flat.substring(0, MAX_CHARS) + "...";
  }

  private static String decode(byte[] bytes, int length) {
    try {
      // A multi-byte character cut at MAX_BYTES becomes one replacement character.
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
  }
}
