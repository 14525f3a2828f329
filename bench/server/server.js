#!/usr/bin/env node
// Neutral SSE target that emulates a streaming AI-chat API, for benchmarking
// load-testing CLIENTS. Node.js stdlib only. Binds 127.0.0.1 by default.
//
//   node server.js [--port 8080] [--ttft 200] [--n 50] [--interval 20]
//                  [--pad 0] [--tick wheel|batch] [--stats-file FILE]
//                  [--no-record] [--host 127.0.0.1]
// Env equivalents: PORT, TTFT_MS, N_EVENTS, INTERVAL_MS, PAD_BYTES,
//                  TICK_MODE, STATS_FILE, RECORD=0, HOST.
// Per request (query string): ?ttft=&n=&interval=&pad=&rid=
//
// Ground truth: every stream records its receive time and the time each
// event (and [DONE]) was handed to the kernel (process.hrtime.bigint()).
// GET /__stats returns counters; GET /__stats?dump=1 also writes the per-stream
// records as JSONL to --stats-file; SIGTERM/SIGINT dump and exit.
'use strict';

const http = require('http');
const crypto = require('crypto');
const fs = require('fs');

// ---------------------------------------------------------------- config ---
function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) { out[a.slice(2, eq)] = a.slice(eq + 1); continue; }
    const k = a.slice(2);
    const nxt = argv[i + 1];
    if (nxt === undefined || nxt.startsWith('--')) out[k] = true;
    else { out[k] = nxt; i++; }
  }
  return out;
}
const args = parseArgs(process.argv.slice(2));
const env = process.env;
function num(v, d) { if (v === undefined || v === null || v === true || v === '') return d; const x = Number(v); return Number.isNaN(x) ? d : x; }

const cfg = {
  host: args.host || env.HOST || '127.0.0.1',
  port: num(args.port, num(env.PORT, 8080)),
  ttft: num(args.ttft, num(env.TTFT_MS, 200)),
  n: num(args.n, num(env.N_EVENTS, 50)),
  interval: num(args.interval, num(env.INTERVAL_MS, 20)),
  pad: num(args.pad, num(env.PAD_BYTES, 0)),
  tick: String(args.tick || env.TICK_MODE || 'wheel'),
  statsFile: args['stats-file'] || env.STATS_FILE || 'target-streams.jsonl',
  record: !(args['no-record'] || env.RECORD === '0'),
  openaiAuth: !!(args['openai-auth'] || env.OPENAI_REQUIRE_AUTH === '1'),
  // raw: frame each chunk ourselves and write it straight to the socket (one
  // write(2) per event, no OutgoingMessage overhead); res: plain res.write().
  write: String(args.write || env.WRITE_MODE || 'raw'),
};
const RAW = cfg.write === 'raw';
if (!['wheel', 'batch'].includes(cfg.tick)) {
  console.error('--tick must be wheel or batch'); process.exit(2);
}
const LIMITS = { ttft: [0, 60000], n: [0, 100000], interval: [0, 60000], pad: [0, 1 << 20] };
function clamp(k, v) { const [lo, hi] = LIMITS[k]; return Math.min(hi, Math.max(lo, v)); }

// ------------------------------------------------------------------ clock ---
const T0 = process.hrtime.bigint();
// Epoch of T0 with sub-millisecond precision, so that clients can split their error by direction.
const EPOCH0_MS = performance.timeOrigin + performance.now();
// ms since T0 as a double with ns resolution
function now() { return Number(process.hrtime.bigint() - T0) / 1e6; }

// --------------------------------------------------------------- counters ---
const C = {
  connections_open: 0, connections_max: 0, connections_total: 0,
  streams_open: 0, streams_max: 0, streams_started: 0,
  streams_completed: 0, streams_aborted: 0,
  events_written: 0, logins: 0, conversations: 0,
  unauthorized: 0, bad_requests: 0, not_found: 0,
};
let records = [];            // one object per stream (ground truth)
const tokens = new Set();
const conversations = new Set();
let nextSid = 1;

// ------------------------------------------------------------- schedulers ---
// Mode "wheel": one shared 1 ms timing wheel for every stream (exact TTFT and
// per-stream phase, one timer for the whole process).
// Mode "batch": one shared ticker per interval value; every stream due on a
// tick emits on that tick (token bursts like an LLM server's decode steps).
const WHEEL_BITS = 17, WHEEL_SIZE = 1 << WHEEL_BITS, WHEEL_MASK = WHEEL_SIZE - 1; // 131 s horizon
const wheel = new Array(WHEEL_SIZE);
let wheelPos = Math.floor(now());   // last processed ms slot
let wheelCount = 0;
let wheelTimer = null;

let inWheelTick = false;
function wheelAdd(s, dueMs) {
  if (wheelCount === 0) wheelPos = Math.floor(now());   // idle wheel: resync position
  let slot = Math.ceil(dueMs);
  if (slot <= wheelPos) slot = wheelPos + 1;
  const i = slot & WHEEL_MASK;
  const b = wheel[i];
  if (b) b.push(s); else wheel[i] = [s];
  wheelCount++;
  if (wheelTimer === null && !inWheelTick) wheelTimer = setTimeout(wheelTick, 1);
}
// Runs every ~1 ms while any stream is scheduled; no timer at all when idle.
function wheelTick() {
  wheelTimer = null;
  inWheelTick = true;
  const target = Math.floor(now());
  while (wheelPos < target && wheelCount > 0) {
    wheelPos++;
    const i = wheelPos & WHEEL_MASK;
    const b = wheel[i];
    if (b === undefined) continue;
    wheel[i] = undefined;
    wheelCount -= b.length;
    for (let k = 0; k < b.length; k++) {
      const s = b[k];
      if (s.closed) continue;
      emit(s);
      if (!s.closed) wheelAdd(s, s.due);
    }
  }
  inWheelTick = false;
  if (wheelCount > 0) wheelTimer = setTimeout(wheelTick, 1);
}

const tickers = new Map();  // interval -> {streams:[], timer, base, k}
function batchAdd(s) {
  const iv = Math.max(1, s.interval);
  let t = tickers.get(iv);
  if (!t) {
    t = { iv, streams: [], timer: null, base: now(), k: 0 };
    tickers.set(iv, t);
  }
  t.streams.push(s);
  if (t.timer === null) {
    t.base = now(); t.k = 0;
    t.timer = setTimeout(batchTick, iv, t);
  }
}
function batchTick(t) {
  t.timer = null;
  const tn = now();
  const keep = [];
  for (let k = 0; k < t.streams.length; k++) {
    const s = t.streams[k];
    if (s.closed) continue;
    if (s.due <= tn) { emit(s); if (s.closed) continue; }
    keep.push(s);
  }
  t.streams = keep;
  if (keep.length === 0) return;           // ticker sleeps until next stream
  // drift-free: next tick at base + k*iv
  t.k++;
  let next = t.base + t.k * t.iv;
  const tn2 = now();
  if (next <= tn2) { t.k = Math.ceil((tn2 - t.base) / t.iv); next = t.base + t.k * t.iv; }
  t.timer = setTimeout(batchTick, Math.max(0, next - tn2), t);
}

// ------------------------------------------------------------------ streams ---
const padCache = new Map();
function padStr(p) {
  if (p <= 0) return '';
  let s = padCache.get(p);
  if (s === undefined) { s = 'x'.repeat(p); padCache.set(p, s); }
  return s;
}

function flush(res) {
  // http.OutgoingMessage corks the socket until process.nextTick; uncork now
  // so the recorded time is when the bytes were handed to the kernel.
  const sock = res.socket;
  if (sock && sock.writableCorked) sock.uncork();
}

function emit(s) {
  const res = s.res;
  const i = s.sent;
  if (i < s.n) {
    let payload;
    if (s.kind === 'openai') {
      payload = 'data: {"id":"chatcmpl-' + s.sid + '","object":"chat.completion.chunk","created":' +
        s.created + ',"model":"' + s.model + '","choices":[{"index":0,"delta":{' +
        (i === 0 ? '"role":"assistant",' : '') + '"content":"tok' + i + ' "},"finish_reason":' +
        (i === s.n - 1 ? '"stop"' : 'null') + '}]' +
        (s.pad > 0 ? ',"pad":"' + padStr(s.pad) + '"' : '') + '}\n\n';
    } else {
      payload = 'data: {"delta":"tok' + i + ' "' +
        (s.pad > 0 ? ',"pad":"' + padStr(s.pad) + '"' : '') + '}\n\n';
    }
    const sock = res.socket;
    if (RAW && sock && !sock.destroyed) {
      // chunked framing by hand; headers were already flushed by writeHead+flushHeaders
      sock.write(payload.length.toString(16) + '\r\n' + payload + '\r\n');
    } else {
      res.write(payload);
      flush(res);
    }
    s.ev[i] = now() - s.tRecv;
    s.sent = i + 1;
    C.events_written++;
    s.due += s.interval;
  } else {
    res.end('data: [DONE]\n\n');
    flush(res);
    s.ev[s.n] = now() - s.tRecv;
    s.done = true;
    s.closed = true;
    C.streams_completed++;
    C.streams_open--;
  }
}

function startStream(req, res, q, kind, body) {
  const ttft = clamp('ttft', num(q.get('ttft'), cfg.ttft));
  const n = Math.floor(clamp('n', num(q.get('n'), cfg.n)));
  const interval = clamp('interval', num(q.get('interval'), cfg.interval));
  const pad = Math.floor(clamp('pad', num(q.get('pad'), cfg.pad)));
  const s = {
    sid: nextSid++,
    rid: q.get('rid') || req.headers['x-bench-rid'] || null,
    kind, res, n, interval, pad, ttft,
    tRecv: req._tRecv,
    due: req._tRecv + ttft,
    ev: new Float64Array(n + 1).fill(-1),
    sent: 0, done: false, closed: false, aborted: false, tClose: -1,
    created: Math.floor(Date.now() / 1000),
    model: (body && typeof body.model === 'string') ? body.model.replace(/[^\w.\-:/]/g, '') : 'bench-model',
  };
  C.streams_started++;
  C.streams_open++;
  if (C.streams_open > C.streams_max) C.streams_max = C.streams_open;
  if (cfg.record) records.push(s);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    'X-Stream-Id': String(s.sid),
  });
  res.flushHeaders();
  res.on('close', () => {
    s.tClose = now() - s.tRecv;
    if (!s.done) {
      s.closed = true;
      s.aborted = true;
      C.streams_aborted++;
      C.streams_open--;
    }
    s.res = null;
    if (!cfg.record) s.ev = null;
  });
  if (cfg.tick === 'wheel') wheelAdd(s, s.due);
  else batchAdd(s);
}

// ------------------------------------------------------------------- http ---
function sendJson(res, code, obj) {
  const b = JSON.stringify(obj);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(b) });
  res.end(b);
}
function bearer(req) {
  const h = req.headers.authorization;
  if (!h || !h.startsWith('Bearer ')) return null;
  return h.slice(7).trim();
}
function authed(req) { const t = bearer(req); return t !== null && tokens.has(t); }

function readBody(req, cb) {
  const chunks = [];
  let size = 0;
  req.on('data', (c) => { size += c.length; if (size <= 1 << 20) chunks.push(c); });
  req.on('end', () => {
    if (size === 0) return cb(null, {});
    if (size > 1 << 20) return cb(new Error('too large'));
    try { cb(null, JSON.parse(Buffer.concat(chunks).toString('utf8'))); }
    catch (e) { cb(e); }
  });
}

function handle(req, res) {
  req._tRecv = now();
  const qi = req.url.indexOf('?');
  const path = qi < 0 ? req.url : req.url.slice(0, qi);
  const q = new URLSearchParams(qi < 0 ? '' : req.url.slice(qi + 1));
  const m = req.method;

  if (m === 'GET' && path === '/__stats') return statsEndpoint(req, res, q);
  if (m === 'GET' && path === '/__health') return sendJson(res, 200, { ok: true });

  if (m === 'POST' && path === '/api/login') {
    return readBody(req, (err, body) => {
      if (err) { C.bad_requests++; return sendJson(res, 400, { error: 'bad json' }); }
      if (!body || typeof body.password !== 'string' || body.password.length === 0) {
        C.unauthorized++; return sendJson(res, 401, { error: 'invalid credentials' });
      }
      const tok = crypto.randomBytes(24).toString('hex');
      tokens.add(tok);
      C.logins++;
      sendJson(res, 200, { data: { accessToken: tok } });
    });
  }
  if (m === 'POST' && path === '/api/conversations') {
    return readBody(req, () => {
      if (!authed(req)) { C.unauthorized++; return sendJson(res, 401, { error: 'unauthorized' }); }
      const id = crypto.randomUUID();
      conversations.add(id);
      C.conversations++;
      sendJson(res, 200, { data: { conversationId: id } });
    });
  }
  if (m === 'POST' && path === '/api/chat/stream') {
    return readBody(req, (err, body) => {
      if (!authed(req)) { C.unauthorized++; return sendJson(res, 401, { error: 'unauthorized' }); }
      if (err || !body || typeof body.conversationId !== 'string') {
        C.bad_requests++; return sendJson(res, 400, { error: 'conversationId required' });
      }
      if (!conversations.has(body.conversationId)) {
        C.not_found++; return sendJson(res, 404, { error: 'unknown conversation' });
      }
      startStream(req, res, q, 'chat', body);
    });
  }
  if (m === 'POST' && path === '/v1/chat/completions') {
    return readBody(req, (err, body) => {
      if (cfg.openaiAuth && !authed(req)) { C.unauthorized++; return sendJson(res, 401, { error: { message: 'unauthorized' } }); }
      if (err) { C.bad_requests++; return sendJson(res, 400, { error: { message: 'bad json' } }); }
      if (body && body.stream === false) {
        const n = Math.floor(clamp('n', num(q.get('n'), cfg.n)));
        const ttft = clamp('ttft', num(q.get('ttft'), cfg.ttft));
        let text = '';
        for (let i = 0; i < n; i++) text += 'tok' + i + ' ';
        return setTimeout(() => sendJson(res, 200, {
          id: 'chatcmpl-x', object: 'chat.completion', created: Math.floor(Date.now() / 1000),
          model: (body && body.model) || 'bench-model',
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: n, total_tokens: n + 1 },
        }), ttft);
      }
      startStream(req, res, q, 'openai', body);
    });
  }
  C.not_found++;
  req.resume();
  sendJson(res, 404, { error: 'not found' });
}

// -------------------------------------------------------------- stats/dump ---
function r3(x) { return Math.round(x * 1000) / 1000; }
function recordLine(s) {
  const ev = [];
  if (s.ev) for (let i = 0; i < s.ev.length; i++) { if (s.ev[i] < 0) break; ev.push(r3(s.ev[i])); }
  return JSON.stringify({
    sid: s.sid, rid: s.rid, kind: s.kind, t_recv_ms: r3(s.tRecv),
    ttft_cfg: s.ttft, n_cfg: s.n, interval_cfg: s.interval,
    ev_ms: ev, done: s.done, aborted: s.aborted, t_close_ms: r3(s.tClose),
  });
}
function dump(file) {
  const fd = fs.openSync(file, 'w');
  let buf = [];
  for (const s of records) {
    buf.push(recordLine(s));
    if (buf.length >= 2000) { fs.writeSync(fd, buf.join('\n') + '\n'); buf = []; }
  }
  if (buf.length) fs.writeSync(fd, buf.join('\n') + '\n');
  fs.closeSync(fd);
  return records.length;
}
function snapshot() {
  const mu = process.memoryUsage();
  const cu = process.cpuUsage();
  return {
    ...C,
    records: records.length,
    uptime_ms: r3(now()),
    epoch0_ms: EPOCH0_MS,
    cpu_user_s: cu.user / 1e6, cpu_sys_s: cu.system / 1e6,
    rss_mb: Math.round(mu.rss / 1048576),
    config: cfg,
  };
}
function statsEndpoint(req, res, q) {
  const out = snapshot();
  if (q.get('dump')) out.dumped = { file: cfg.statsFile, records: dump(q.get('file') || cfg.statsFile) };
  if (q.get('reset')) {
    records = records.filter((s) => !s.closed);
    for (const k of ['connections_total', 'streams_started', 'streams_completed', 'streams_aborted',
      'events_written', 'logins', 'conversations', 'unauthorized', 'bad_requests', 'not_found']) C[k] = 0;
    C.connections_max = C.connections_open; C.streams_max = C.streams_open;
  }
  sendJson(res, 200, out);
}

// ------------------------------------------------------------------ server ---
const server = http.createServer({ keepAliveTimeout: 120000, requestTimeout: 0, headersTimeout: 60000 }, handle);
server.keepAliveTimeout = 120000;
server.on('connection', (sock) => {
  sock.setNoDelay(true);
  C.connections_open++; C.connections_total++;
  if (C.connections_open > C.connections_max) C.connections_max = C.connections_open;
  sock.on('close', () => { C.connections_open--; });
});
server.on('clientError', (err, sock) => { if (sock.writable) sock.end('HTTP/1.1 400 Bad Request\r\n\r\n'); });

let stopping = false;
function shutdown(sig) {
  if (stopping) return;
  stopping = true;
  let n = 0;
  try { if (cfg.record) n = dump(cfg.statsFile); } catch (e) { console.error('dump failed', e); }
  const snap = snapshot();
  try { fs.writeFileSync(cfg.statsFile.replace(/\.jsonl$/, '') + '.stats.json', JSON.stringify(snap, null, 1)); } catch (e) { /* ignore */ }
  console.error(`[target] ${sig}: dumped ${n} stream records to ${cfg.statsFile}; ` +
    `completed=${C.streams_completed} aborted=${C.streams_aborted} max_open=${C.streams_max}`);
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

server.listen({ port: cfg.port, host: cfg.host, backlog: 65535 }, () => {
  const a = server.address();
  console.error(`[target] listening on http://${a.address}:${a.port} tick=${cfg.tick} ttft=${cfg.ttft} n=${cfg.n} interval=${cfg.interval} pad=${cfg.pad} record=${cfg.record}`);
});
