package dev.streamload.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamload.mock.ws.WsUpgrade;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Serves the mock chat API on one connection: routing, auth, JSON endpoints, and handing stream
 * requests to an {@link SseStream}; requests pipelined behind a running stream wait their turn.
 */
final class MockChatHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  static final String REQUEST_ID_HEADER = "X-Request-Id";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFAULT_MODEL = "mock-model";
  private static final Object WRONG_CONTENT_TYPE_BODY =
      Map.of("error", Map.of("message", "mock wrong content type", "type", "server_error"));

  private final MockChatServer.Shared shared;
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private SseStream stream;
  private Future<?> delayedResponse;
  private ChannelHandlerContext ctx;

  MockChatHandler(MockChatServer.Shared shared) {
    this.shared = shared;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    shared.counters().connectionOpened();
    super.channelActive(ctx);
  }

  /**
   * Stops the connection's work, then counts it closed last: a caller that sees the open count drop
   * also sees the stream's abort count and every other effect of the close.
   */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    try {
      if (stream != null) {
        stream.connectionClosed();
        stream = null;
      }
      if (delayedResponse != null) {
        delayedResponse.cancel(false);
        delayedResponse = null;
      }
      while (!waiting.isEmpty()) {
        waiting.poll().release();
      }
      super.channelInactive(ctx);
    } finally {
      shared.counters().connectionClosed();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (busy()) {
      waiting.add(request.retain());
      return;
    }
    route(request);
  }

  private boolean busy() {
    return (stream != null && !stream.ended()) || delayedResponse != null;
  }

  /** Serves requests that arrived while the previous response was still running. */
  private void serveWaiting() {
    stream = null;
    delayedResponse = null;
    while (!busy() && !waiting.isEmpty() && ctx.channel().isActive()) {
      FullHttpRequest next = waiting.poll();
      try {
        route(next);
      } finally {
        next.release();
      }
    }
  }

  private void route(FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      shared.counters().requestReceived(MockEndpoint.NOT_FOUND);
      shared.counters().badRequest("malformed HTTP");
      sendJson(request, HttpResponseStatus.BAD_REQUEST, error("bad_request", "malformed HTTP"));
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    HttpMethod method = request.method();
    PresetApi preset = PresetApis.find(method, path);
    if (method.equals(HttpMethod.POST) && path.equals("/api/auth/login")) {
      login(request);
    } else if (method.equals(HttpMethod.POST) && path.equals("/api/conversations")) {
      createConversation(request);
    } else if (method.equals(HttpMethod.POST) && path.equals("/api/chat/stream")) {
      defaultStream(request);
    } else if (method.equals(HttpMethod.POST) && path.equals("/v1/chat/completions")) {
      openAiCompletion(request);
    } else if (method.equals(HttpMethod.GET) && WsUpgrade.handles(path)) {
      WsUpgrade.upgrade(ctx, request, new WsMockAccess(shared));
    } else if (method.equals(HttpMethod.GET) && path.equals("/admin/stats")) {
      shared.counters().requestReceived(MockEndpoint.ADMIN);
      sendJson(request, HttpResponseStatus.OK, shared.stats());
    } else if (method.equals(HttpMethod.POST) && path.equals("/admin/reset")) {
      shared.counters().requestReceived(MockEndpoint.ADMIN);
      shared.reset();
      sendJson(request, HttpResponseStatus.OK, Map.of("reset", true));
    } else if (preset != null) {
      presetStream(request, preset);
    } else {
      shared.counters().requestReceived(MockEndpoint.NOT_FOUND);
      sendJson(
          request,
          HttpResponseStatus.NOT_FOUND,
          error("not_found", "no endpoint for " + method + " " + path));
    }
  }

  // ---- login and conversations ----

  private void login(FullHttpRequest request) {
    shared.counters().requestReceived(MockEndpoint.LOGIN);
    JsonNode body = parseObject(request);
    if (body == null || !body.path("username").isTextual() || !body.path("password").isTextual()) {
      shared.counters().badRequest("login body is not {\"username\":..,\"password\":..}");
      sendJson(
          request,
          HttpResponseStatus.BAD_REQUEST,
          error("bad_request", "expected JSON {\"username\":\"..\",\"password\":\"..\"}"));
      return;
    }
    Optional<String> token =
        shared.auth().login(body.get("username").asText(), body.get("password").asText());
    if (token.isEmpty()) {
      shared.counters().loginFailed();
      sendJson(request, HttpResponseStatus.UNAUTHORIZED, Map.of("error", "invalid_credentials"));
      return;
    }
    shared.counters().loggedIn(body.get("username").asText());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("token", token.get());
    answer.put("expiresIn", 3600);
    sendJson(request, HttpResponseStatus.OK, answer);
  }

  private void createConversation(FullHttpRequest request) {
    shared.counters().requestReceived(MockEndpoint.CONVERSATION);
    Optional<String> user = shared.auth().userForToken(bearer(request));
    if (user.isEmpty()) {
      sendUnauthorized(request);
      return;
    }
    String id = shared.auth().createConversation(user.get());
    sendJson(request, HttpResponseStatus.CREATED, Map.of("conversationId", id));
  }

  // ---- default dialect stream ----

  private void defaultStream(FullHttpRequest request) {
    shared.counters().requestReceived(MockEndpoint.STREAM_DEFAULT);
    String requestId = requestId(request);
    Optional<String> user = shared.auth().userForToken(bearer(request));
    if (user.isEmpty()) {
      sendUnauthorized(request);
      return;
    }
    JsonNode body = parseObject(request);
    if (body == null || !body.path("conversationId").isTextual()) {
      shared.counters().badRequest("chat body has no string conversationId");
      sendJson(
          request,
          HttpResponseStatus.BAD_REQUEST,
          error("bad_request", "expected JSON {\"conversationId\":\"..\",\"prompt\":\"..\"}"));
      return;
    }
    String conversationId = body.get("conversationId").asText();
    shared.counters().accountStreamed(user.get(), requestId);
    if (!shared.auth().ownsConversation(user.get(), conversationId)) {
      sendJson(
          request,
          HttpResponseStatus.NOT_FOUND,
          error(
              "conversation_not_found", "no conversation '" + conversationId + "' for this user"));
      return;
    }
    StreamOverrides overrides;
    try {
      overrides = StreamOverrides.from(request.headers());
    } catch (IllegalArgumentException e) {
      shared.counters().badRequest(e.getMessage());
      sendJson(request, HttpResponseStatus.BAD_REQUEST, error("bad_header", e.getMessage()));
      return;
    }
    StreamPlan plan = plan(request, requestId, overrides);
    if (injectFaultResponse(request, plan, MockChatHandler::defaultFaultBody)) {
      return;
    }
    startStream(plan, DefaultDialect.INSTANCE);
  }

  // ---- the public APIs of the presets (Anthropic, Responses, Gemini, Dify, plain text, ...) ----

  private void presetStream(FullHttpRequest request, PresetApi api) {
    shared.counters().requestReceived(api.endpoint());
    String requestId = requestId(request);
    Supplier<SseDialect> dialect;
    try {
      dialect = api.admit(request, shared);
    } catch (PresetApi.Rejection rejection) {
      if (rejection.isBadRequest()) {
        shared.counters().badRequest(rejection.getMessage());
      }
      sendJson(request, HttpResponseStatus.valueOf(rejection.status()), rejection.body());
      return;
    }
    StreamOverrides overrides;
    try {
      overrides = StreamOverrides.from(request.headers());
    } catch (IllegalArgumentException e) {
      shared.counters().badRequest(e.getMessage());
      sendJson(request, HttpResponseStatus.BAD_REQUEST, api.errorBody(400, e.getMessage()));
      return;
    }
    StreamPlan plan = plan(request, requestId, overrides);
    Function<Fault, Object> faultBody =
        fault ->
            api.errorBody(
                fault.isHttpStatus() ? fault.httpStatus() : 500, "mock " + fault.wireName());
    if (injectFaultResponse(request, plan, faultBody)) {
      return;
    }
    startStream(plan, dialect.get());
  }

  // ---- OpenAI dialect ----

  private void openAiCompletion(FullHttpRequest request) {
    shared.counters().requestReceived(MockEndpoint.STREAM_OPENAI);
    String requestId = requestId(request);
    if (!shared.auth().isApiKey(bearer(request))) {
      sendJson(
          request,
          HttpResponseStatus.UNAUTHORIZED,
          openAiError("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
      return;
    }
    JsonNode body = parseObject(request);
    if (body == null) {
      shared.counters().badRequest("chat completions body is not a JSON object");
      sendJson(
          request,
          HttpResponseStatus.BAD_REQUEST,
          openAiError("The request body is not a JSON object.", "invalid_request_error", null));
      return;
    }
    StreamOverrides overrides;
    try {
      overrides = StreamOverrides.from(request.headers());
    } catch (IllegalArgumentException e) {
      shared.counters().badRequest(e.getMessage());
      sendJson(
          request,
          HttpResponseStatus.BAD_REQUEST,
          openAiError(e.getMessage(), "invalid_request_error", "bad_header"));
      return;
    }
    String model = body.path("model").isTextual() ? body.get("model").asText() : DEFAULT_MODEL;
    boolean streaming = body.path("stream").asBoolean(false);
    boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
    int promptTokens = promptTokens(body.path("messages"));
    StreamPlan plan = plan(request, requestId, overrides);
    String completionId = "chatcmpl-mock" + shared.nextSequence();
    long created = Instant.now().getEpochSecond();
    if (!streaming) {
      if (plan.fault() != Fault.NONE
          && !plan.fault().isHttpStatus()
          && plan.fault() != Fault.CONNECTION_RESET) {
        // Stream-only faults do not apply to a plain JSON completion.
        plan = plan.withFault(Fault.NONE);
      }
      if (injectFaultResponse(request, plan, MockChatHandler::openAiFaultBody)) {
        return;
      }
      delayedCompletion(request, plan, completionId, created, model, promptTokens);
      return;
    }
    if (injectFaultResponse(request, plan, MockChatHandler::openAiFaultBody)) {
      return;
    }
    startStream(plan, new OpenAiDialect(completionId, created, model, includeUsage, promptTokens));
  }

  private void delayedCompletion(
      FullHttpRequest request,
      StreamPlan plan,
      String completionId,
      long created,
      String model,
      int promptTokens) {
    ObjectNode answer = JSON.createObjectNode();
    answer.put("id", completionId);
    answer.put("object", "chat.completion");
    answer.put("created", created);
    answer.put("model", model);
    ObjectNode choice = answer.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", plan.answerText());
    choice.put("finish_reason", plan.finishReasonSent());
    answer
        .putObject("usage")
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", plan.fragments())
        .put("total_tokens", promptTokens + plan.fragments());
    FullHttpResponse response = jsonResponse(HttpResponseStatus.OK, answer);
    response.headers().set(REQUEST_ID_HEADER, plan.requestId());
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    long delay = plan.ttftNanos() + Math.max(0, plan.fragments() - 1) * plan.gapNanos();
    delayedResponse =
        ctx.executor()
            .schedule(
                () -> {
                  delayedResponse = null;
                  send(keepAlive, response);
                  if (keepAlive) {
                    serveWaiting();
                  }
                },
                delay,
                TimeUnit.NANOSECONDS);
  }

  private static int promptTokens(JsonNode messages) {
    int words = 0;
    if (messages.isArray()) {
      for (JsonNode message : (ArrayNode) messages) {
        words += MockText.countWords(message.path("content").asText(""));
      }
    }
    return Math.max(1, words);
  }

  // ---- streams and faults ----

  private String requestId(FullHttpRequest request) {
    String given = request.headers().get(REQUEST_ID_HEADER);
    if (given == null || given.isBlank()) {
      return "mock-" + shared.nextSequence();
    }
    shared.counters().recordRequestId(given);
    return given;
  }

  private StreamPlan plan(FullHttpRequest request, String requestId, StreamOverrides overrides) {
    MockSettings settings = shared.settings();
    Fault fault = overrides.fault();
    if (fault == null) {
      fault =
          settings.faultMix().isNone()
              ? Fault.NONE
              : settings.faultMix().pick(ThreadLocalRandom.current().nextDouble());
    }
    return new StreamPlan(
        requestId,
        fault,
        (overrides.timeToFirstFragment() != null
                ? overrides.timeToFirstFragment()
                : settings.timeToFirstFragment())
            .toNanos(),
        overrides.fragments() != null ? overrides.fragments() : settings.fragments(),
        (overrides.gap() != null ? overrides.gap() : settings.gap()).toNanos(),
        settings.jitter().toNanos(),
        overrides.retryMillis() != null ? overrides.retryMillis() : -1,
        HttpUtil.isKeepAlive(request),
        overrides.words(),
        overrides.finishReason(),
        overrides.pingMillis() != null
            ? TimeUnit.MILLISECONDS.toNanos(overrides.pingMillis())
            : -1);
  }

  /**
   * Counts the plan's fault and answers the faults that are not streams.
   *
   * @param faultBody the JSON body of an HTTP status fault or of {@link Fault#WRONG_CONTENT_TYPE}
   * @return true when the request has been fully answered (or the connection reset)
   */
  private boolean injectFaultResponse(
      FullHttpRequest request, StreamPlan plan, Function<Fault, Object> faultBody) {
    Fault fault = plan.fault();
    if (fault == Fault.NONE) {
      return false;
    }
    shared.counters().faultInjected(fault);
    if (fault == Fault.CONNECTION_RESET) {
      ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
      ctx.close();
      return true;
    }
    if (fault.isHttpStatus()) {
      HttpResponseStatus status = HttpResponseStatus.valueOf(fault.httpStatus());
      FullHttpResponse response = jsonResponse(status, faultBody.apply(fault));
      response.headers().set(REQUEST_ID_HEADER, plan.requestId());
      if (fault == Fault.HTTP_429 || fault == Fault.HTTP_503) {
        response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
      }
      send(HttpUtil.isKeepAlive(request), response);
      return true;
    }
    if (fault == Fault.WRONG_CONTENT_TYPE) {
      FullHttpResponse response = jsonResponse(HttpResponseStatus.OK, faultBody.apply(fault));
      response.headers().set(REQUEST_ID_HEADER, plan.requestId());
      send(HttpUtil.isKeepAlive(request), response);
      return true;
    }
    return false;
  }

  private static Object defaultFaultBody(Fault fault) {
    return fault == Fault.WRONG_CONTENT_TYPE
        ? WRONG_CONTENT_TYPE_BODY
        : error(fault.wireName(), "mock " + fault.wireName());
  }

  private static Object openAiFaultBody(Fault fault) {
    return fault == Fault.WRONG_CONTENT_TYPE
        ? WRONG_CONTENT_TYPE_BODY
        : openAiError("mock " + fault.wireName(), openAiErrorType(fault), fault.wireName());
  }

  private static String openAiErrorType(Fault fault) {
    return switch (fault) {
      case HTTP_401 -> "authentication_error";
      case HTTP_403 -> "permission_error";
      case HTTP_429 -> "rate_limit_error";
      case HTTP_400 -> "invalid_request_error";
      default -> "server_error";
    };
  }

  private void startStream(StreamPlan plan, SseDialect dialect) {
    stream =
        new SseStream(
            ctx,
            shared.scheduler(ctx.executor()),
            plan,
            dialect,
            shared.counters(),
            shared.writeTimesOrNull(),
            this::serveWaiting);
    stream.start();
  }

  // ---- helpers ----

  /** The token of an {@code Authorization: Bearer <token>} header, or null. */
  static String bearer(FullHttpRequest request) {
    String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }

  /** The body as a JSON object, or null when it is empty, not JSON or not an object. */
  static JsonNode parseObject(FullHttpRequest request) {
    try (InputStream in = new ByteBufInputStream(request.content().duplicate())) {
      JsonNode node = JSON.readTree(in);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Map<String, Object> error(String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", message);
    return body;
  }

  private static Map<String, Object> openAiError(String message, String type, String code) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("message", message);
    details.put("type", type);
    details.put("param", null);
    details.put("code", code);
    return Map.of("error", details);
  }

  private void sendUnauthorized(FullHttpRequest request) {
    FullHttpResponse response =
        jsonResponse(HttpResponseStatus.UNAUTHORIZED, Map.of("error", "invalid_token"));
    response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
    send(HttpUtil.isKeepAlive(request), response);
  }

  private void sendJson(FullHttpRequest request, HttpResponseStatus status, Object body) {
    send(HttpUtil.isKeepAlive(request), jsonResponse(status, body));
  }

  private static FullHttpResponse jsonResponse(HttpResponseStatus status, Object body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode JSON response", e);
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    return response;
  }

  private void send(boolean keepAlive, FullHttpResponse response) {
    if (keepAlive) {
      ctx.writeAndFlush(response, ctx.voidPromise());
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
