package dev.streamload.mock.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.mock.Fault;
import dev.streamload.mock.WsMockAccess;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.List;
import java.util.Map;

/**
 * Answers a WebSocket upgrade request of the mock ({@code GET /ws/chat}, {@code GET /ws/spark}):
 * checks the token and the {@code X-Mock-*} headers, injects the handshake faults, and hands the
 * upgraded connection to a {@link WsChatHandler}.
 *
 * <p>The token comes from the query ({@code ?token=..}), the {@code Authorization: Bearer} header,
 * or, when the upgrade carries neither, from a first message {@code {"type":"auth","token":".."}}
 * (a wrong one closes the socket with 4401). A wrong token on the upgrade is a 401. Handshake
 * faults ({@code http_*}, {@code wrong_content_type}, {@code connection_reset}) answer the upgrade
 * instead of 101; every other fault acts on the answer of a message.
 */
public final class WsUpgrade {

  /** Largest accepted frame payload, bytes. */
  static final int MAX_FRAME_BYTES = 1024 * 1024;

  /** Header that sets the close code of {@code close_error} (1000..4999). */
  public static final String CLOSE_CODE_HEADER = "X-Mock-Close-Code";

  private static final ObjectMapper JSON = new ObjectMapper();

  private WsUpgrade() {}

  /** True when {@code path} is a WebSocket chat endpoint of the mock. */
  public static boolean handles(String path) {
    return WsShape.at(path) != null;
  }

  /**
   * Answers the upgrade request on the connection of {@code ctx} (the HTTP handler's context, which
   * stays in the pipeline behind the WebSocket handler and keeps counting the connection).
   */
  public static void upgrade(
      ChannelHandlerContext ctx, FullHttpRequest request, WsMockAccess access) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    WsShape shape = WsShape.at(uri.path());
    access.requestReceived();
    if (!request
        .headers()
        .containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      access.badRequest("GET " + uri.path() + " without Upgrade: websocket");
      refuse(ctx, HttpResponseStatus.BAD_REQUEST, "expected a WebSocket upgrade");
      return;
    }
    int closeCode;
    try {
      access.checkOverrides(request.headers());
      closeCode = closeCode(request.headers());
    } catch (IllegalArgumentException e) {
      access.badRequest(e.getMessage());
      refuse(ctx, HttpResponseStatus.BAD_REQUEST, e.getMessage());
      return;
    }
    String token = token(uri, request.headers());
    String user = null;
    if (token != null) {
      user = access.userForToken(token).orElse(null);
      if (user == null) {
        refuse(ctx, HttpResponseStatus.UNAUTHORIZED, "invalid_token");
        return;
      }
    }
    Fault fault = access.draw(request.headers());
    if (fault.isHttpStatus()) {
      access.faultInjected(fault);
      refuse(ctx, HttpResponseStatus.valueOf(fault.httpStatus()), "mock " + fault.wireName());
      return;
    }
    if (fault == Fault.WRONG_CONTENT_TYPE) {
      access.faultInjected(fault);
      refuse(ctx, HttpResponseStatus.OK, "mock wrong_content_type");
      return;
    }
    if (fault == Fault.CONNECTION_RESET) {
      access.faultInjected(fault);
      ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
      ctx.close();
      return;
    }
    String location = "ws://" + request.headers().get(HttpHeaderNames.HOST) + uri.path();
    WebSocketServerHandshaker handshaker =
        new WebSocketServerHandshakerFactory(location, null, true, MAX_FRAME_BYTES)
            .newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
      return;
    }
    HttpHeaders headers = new DefaultHttpHeaders().set(request.headers());
    ctx.pipeline()
        .addBefore(
            ctx.name(),
            "ws-chat",
            new WsChatHandler(access, shape, handshaker, headers, user, closeCode));
    handshaker.handshake(ctx.channel(), request);
  }

  private static String token(QueryStringDecoder uri, HttpHeaders headers) {
    List<String> query = uri.parameters().get("token");
    if (query != null && !query.isEmpty()) {
      return query.get(0);
    }
    String header = headers.get(HttpHeaderNames.AUTHORIZATION);
    if (header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    return null;
  }

  private static int closeCode(HttpHeaders headers) {
    String value = headers.get(CLOSE_CODE_HEADER);
    if (value == null) {
      return WsChatHandler.DEFAULT_ERROR_CODE;
    }
    try {
      int code = Integer.parseInt(value.trim());
      if (code >= 1000 && code <= 4999) {
        return code;
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw new IllegalArgumentException(
        "header " + CLOSE_CODE_HEADER + " has value '" + value + "': allowed is 1000..4999");
  }

  private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String why) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(Map.of("error", why));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
