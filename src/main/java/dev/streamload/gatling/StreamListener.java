package dev.streamload.gatling;

import io.gatling.http.client.HttpListener;
import io.gatling.http.client.Request;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Sits between Gatling's HTTP client and its SSE listener for one stream, on the stream's event
 * loop, and tells the {@link LiveStream} what happens on the connection before Gatling's SSE code
 * sees it: the request was written on a channel (the watch starts there), the headers arrived (time
 * to headers), a body chunk arrived (the receive time of its events), the response ended.
 *
 * <p>For a response Gatling rejects for its status (anything but 200 and 204), Gatling closes the
 * connection as soon as the headers arrive and never reads the body. This listener holds the
 * headers back until the first {@link ErrorBody#MAX_BYTES} bytes of the body, the body's end, or
 * {@link #ERROR_BODY_WAIT_MILLIS} have passed, hands the start of the body to the stream (its
 * failure detail says what the server said), then lets Gatling reject the response as before.
 *
 * <p>Everything else goes to Gatling's listener unchanged and in order.
 */
final class StreamListener implements HttpListener {

  /** Longest wait for the body of a rejected response after its headers. */
  static final long ERROR_BODY_WAIT_MILLIS = 1_000;

  private final HttpListener gatling;
  private final LiveStream live;
  private final OpenConnections connections;
  private Channel channel;

  private HttpResponseStatus heldStatus;
  private HttpHeaders heldHeaders;
  private ErrorBody errorBody;
  private ScheduledFuture<?> errorBodyTimer;

  StreamListener(HttpListener gatling, LiveStream live, OpenConnections connections) {
    this.gatling = gatling;
    this.live = live;
    this.connections = connections;
  }

  @Override
  public void onSend() {
    gatling.onSend();
  }

  @Override
  public void onProtocolAwareness(boolean isHttp2) {
    gatling.onProtocolAwareness(isHttp2);
  }

  @Override
  public void onWrite(Channel channel) {
    gatling.onWrite(channel);
    this.channel = channel;
    connections.carried(channel);
    live.watch(channel, reason -> gatling.onThrowable(new IOException(reason)), live.now());
  }

  @Override
  public void onFinalClientRequest(Request request) {
    gatling.onFinalClientRequest(request);
  }

  @Override
  public void onHttpResponse(HttpResponseStatus status, HttpHeaders headers) {
    live.onHeaders(live.now(), status.code(), headers.get(HttpHeaderNames.CONTENT_TYPE));
    if (status.equals(HttpResponseStatus.OK)
        || status.equals(HttpResponseStatus.NO_CONTENT)
        || channel == null) {
      gatling.onHttpResponse(status, headers);
      return;
    }
    heldStatus = status;
    heldHeaders = headers;
    errorBody = new ErrorBody();
    errorBodyTimer =
        channel.eventLoop().schedule(this::release, ERROR_BODY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onHttpResponseBodyChunk(ByteBuf chunk, boolean last) {
    if (heldStatus != null) {
      errorBody.append(chunk);
      if (last || errorBody.full()) {
        release();
      }
      return;
    }
    live.onChunk(live.now());
    if (last) {
      live.onResponseEnd();
    }
    EventHook.decoding(live);
    try {
      gatling.onHttpResponseBodyChunk(chunk, last);
    } finally {
      EventHook.decoding(null);
    }
  }

  @Override
  public void onThrowable(Throwable throwable) {
    if (heldStatus != null) {
      // The connection broke while the body of a rejected response was read: report what came.
      release();
    }
    gatling.onThrowable(throwable);
  }

  /** Hands the held headers of a rejected response to Gatling, once. */
  private void release() {
    if (heldStatus == null) {
      return;
    }
    HttpResponseStatus status = heldStatus;
    HttpHeaders headers = heldHeaders;
    heldStatus = null;
    heldHeaders = null;
    if (errorBodyTimer != null) {
      errorBodyTimer.cancel(false);
    }
    live.onErrorBody(errorBody.text());
    gatling.onHttpResponse(status, headers);
  }
}
