package dev.streamload.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.streamload.stream.Termination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamEndTest {

  // Gatling 3.16.0's messages, as recorded in probes against the real jars.
  static final String STATUS_429 =
      "i.g.h.a.s.SseInvalidStatusException: Server returned http response with code 429";
  static final String JSON_TYPE =
      "i.g.h.a.s.SseInvalidContentTypeException: Server returned http response with content-type"
          + " application/json; charset=utf-8";
  static final String REFUSED =
      "j.n.ConnectException: finishConnect(..) failed with error(-111): Connection refused";
  static final String PREMATURE = "i.g.h.c.i.PrematureCloseException: Premature close";
  static final String END_OF_STREAM = "End of stream";

  @Test
  void theEndMarkerWinsOverAnyLaterCrash() {
    assertEquals(
        Termination.END_MARKER_RECEIVED,
        StreamEnd.of(true, PREMATURE, true, true, true).termination());
  }

  @Test
  void aStatusCrashCarriesTheStatusCode() {
    StreamEnd end = StreamEnd.of(true, STATUS_429, true, false, false);
    assertEquals(Termination.HTTP_STATUS, end.termination());
    assertEquals(429, end.status());
    assertNull(end.contentType());
  }

  @Test
  void aContentTypeCrashCarriesTheContentTypeWithA200() {
    StreamEnd end = StreamEnd.of(true, JSON_TYPE, true, false, false);
    assertEquals(Termination.HTTP_STATUS, end.termination());
    assertEquals(200, end.status());
    assertEquals("application/json; charset=utf-8", end.contentType());
  }

  @Test
  void aRefusedConnectionIsAConnectFailure() {
    assertEquals(
        Termination.CONNECT_FAILED, StreamEnd.of(false, REFUSED, true, false, false).termination());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        REFUSED,
        "j.n.UnknownHostException: chat.invalid: Name or service not known",
        "j.n.s.SSLException: Unrecognized SSL message, plaintext connection?",
        "j.n.s.SSLHandshakeException: PKIX path building failed",
        "i.n.c.ConnectTimeoutException: connection timed out after 10000 ms: /127.0.0.1:9"
      })
  void aConnectErrorIsAConnectFailureEvenAfterTheSignerRan(String message) {
    // Whether or not the signer ran, Gatling's connect errors mean that no response came.
    StreamEnd end = StreamEnd.of(true, message, true, false, false);
    assertEquals(Termination.CONNECT_FAILED, end.termination());
    assertEquals(message, end.detail());
  }

  @Test
  void anUnknownCrashAfterTheSendIsAnAbortNotAConnectFailure() {
    StreamEnd end =
        StreamEnd.of(true, "j.l.IllegalStateException: something else", true, false, true);
    assertEquals(Termination.ABORTED, end.termination());
  }

  @Test
  void aCloseBeforeTheResponseIsACut() {
    StreamEnd end = StreamEnd.of(true, PREMATURE, true, false, false);
    assertEquals(Termination.CONNECTION_CUT, end.termination());
  }

  @Test
  void aBlockedReplayIsACut() {
    StreamEnd end =
        StreamEnd.of(true, "j.l.IllegalStateException: SSE replay blocked: ...", true, false, true);
    assertEquals(Termination.CONNECTION_CUT, end.termination());
  }

  @Test
  void aCleanEndWithoutMarkerIsEndedWithoutMarker() {
    assertEquals(
        Termination.ENDED_WITHOUT_MARKER,
        StreamEnd.of(
                true, "SSE crashed while waiting for check: " + END_OF_STREAM, true, false, true)
            .termination());
  }

  @Test
  void aTimeoutWithoutTextIsAFirstFragmentTimeoutAndWithTextAStreamTimeout() {
    assertEquals(
        Termination.FIRST_FRAGMENT_TIMEOUT,
        StreamEnd.of(true, null, true, false, false).termination());
    assertEquals(
        Termination.STREAM_TIMEOUT, StreamEnd.of(true, null, true, false, true).termination());
  }

  @Test
  void aRequestNeverSentWithoutACrashIsAConnectFailure() {
    assertEquals(
        Termination.CONNECT_FAILED, StreamEnd.of(false, null, true, false, false).termination());
  }
}
