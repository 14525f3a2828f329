/**
 * An embedded, non-blocking mock of a streaming AI chat API, used as the system under test by the
 * project's own tests and simulations; it injects faults on demand and keeps ground-truth counters.
 *
 * <p>Start it with {@link dev.streamload.mock.MockChatServer#start(MockSettings)} (port 0 picks a
 * free port) or from the command line with {@link dev.streamload.mock.MockMain}. Endpoints, all
 * HTTP/1.1 keep-alive, JSON answers with {@code Content-Type: application/json}:
 *
 * <ul>
 *   <li>{@code POST /api/auth/login} {@code {"username":"user1","password":"pass-1"}}: 200 {@code
 *       {"token":"..","expiresIn":3600}}; wrong, empty or unknown: 401 {@code
 *       {"error":"invalid_credentials"}}; not a JSON object with both strings: 400.
 *   <li>{@code POST /api/conversations} with {@code Authorization: Bearer <token>}: 201 {@code
 *       {"conversationId":"conv-<n>"}}; missing or unknown token: 401 {@code
 *       {"error":"invalid_token"}}.
 *   <li>{@code POST /api/chat/stream} with a token and {@code
 *       {"conversationId":"..","prompt":".."}}: 200 {@code text/event-stream}, chunked, events
 *       {@code data: {"delta":"word "}} per fragment, {@code data:
 *       {"usage":{"output_tokens":n},"finish_reason":"stop"}}, {@code data: [DONE]}, then the end
 *       of the response. 401 without a token, 400 without a conversation id, 404 for a conversation
 *       the user does not own.
 *   <li>{@code POST /v1/chat/completions} with {@code Authorization: Bearer <apiKey>} and {@code
 *       "stream":true}: a role-only chunk right after the headers, one content chunk per fragment,
 *       a chunk with an empty delta and {@code "finish_reason":"stop"}, a usage chunk ({@code
 *       "choices":[]}) when {@code stream_options.include_usage}, then {@code data: [DONE]}. With
 *       {@code "stream":false} a {@code chat.completion} JSON after the whole generation time. A
 *       wrong or missing key: 401 with an OpenAI-style error object.
 *   <li>The public APIs of the presets, each checking its requests and answering errors in its own
 *       shape ({@link dev.streamload.mock.PresetApi}): Anthropic Messages {@code POST
 *       /v1/messages}, OpenAI Responses {@code POST /v1/responses}, Gemini {@code POST
 *       /v1beta/models/<model>:streamGenerateContent?alt=sse}, Dify {@code POST /v1/chat-messages},
 *       plain-text SSE {@code GET|POST /flux/chat}, cumulative EventSource {@code GET
 *       /chat/stream?q=..}; their events are in the README's mock section.
 *   <li>{@code GET /ws/chat} and {@code GET /ws/spark}: WebSocket chat (package {@code
 *       dev.streamload.mock.ws}), a JSON delta protocol and an iFlytek-Spark-style frame protocol,
 *       token in the query, the {@code Authorization} header or a first auth message, the same
 *       fault injection.
 *   <li>{@code GET /admin/stats}: {@link dev.streamload.mock.MockCounters#snapshot()} as JSON, plus
 *       a write-time summary when recording; {@code POST /admin/reset}: zeroes the counters.
 *   <li>Anything else: 404 {@code {"error":"not_found","message":".."}}.
 * </ul>
 *
 * <p>Stream requests accept {@code X-Mock-Fault} (a {@link dev.streamload.mock.Fault} wire name),
 * {@code X-Mock-Ttft-Ms}, {@code X-Mock-Fragments}, {@code X-Mock-Gap-Ms}, {@code X-Mock-Retry-Ms}
 * (adds {@code retry: <n>} to the first event), {@code X-Mock-Finish-Reason} (the finish reason of
 * a complete answer, {@code stop} by default; the faults {@code finish_length} and {@code
 * finish_content_filter} set {@code length} and {@code content_filter}), {@code X-Mock-Text} (the
 * answer's words, one fragment each) and {@code X-Mock-Ping-Ms} (the keep-alive interval of an API
 * that sends pings); a bad value is a 400 naming the header. {@code X-Request-Id} is echoed, keys
 * the write times, and a repeated one is counted as a duplicate (a silent client replay).
 */
package dev.streamload.mock;
