#!/usr/bin/env node
// Reference peer (not one of the tools under test): a lean Node.js client used
// to validate the target and as a low-overhead baseline.
//   node client.js URL C DURATION_S OUT.jsonl
// Closed model: C users; each logs in and opens a conversation once, then loops
// POST /api/chat/stream until DURATION_S elapses (no new stream starts after
// that; in-flight streams get up to 5 s to finish, then are aborted).
'use strict';
const http = require('http');
const fs = require('fs');

const [url, cStr, dStr, out] = process.argv.slice(2);
if (!out) { console.error('usage: client.js URL C DURATION_S OUT.jsonl'); process.exit(2); }
const base = new URL(url);
const C = Number(cStr), D = Number(dStr);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const t0 = nowMs();
const deadline = t0 + D * 1000;
const results = [];
const open = new Set();

function req(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const r = http.request({ host: base.hostname, port: base.port, method, path, headers, agent }, resolve);
    r.on('error', reject);
    r.end(body);
  });
}
async function jsonCall(path, headers, body) {
  const res = await req('POST', path, { 'Content-Type': 'application/json', ...headers }, JSON.stringify(body));
  let s = '';
  for await (const c of res) s += c;
  if (res.statusCode !== 200) throw new Error('http_' + res.statusCode);
  return JSON.parse(s);
}

function stream(token, cid, rid) {
  return new Promise((resolve) => {
    const ts0 = nowMs();
    const rec = { rid, start_epoch_ms: performance.timeOrigin + performance.now(), ts: [], done: false, error: null };
    const body = JSON.stringify({ conversationId: cid, message: 'hello' });
    const r = http.request({
      host: base.hostname, port: base.port, method: 'POST', agent,
      path: '/api/chat/stream?rid=' + rid,
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token, 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      if (res.statusCode !== 200) { rec.error = 'http_' + res.statusCode; res.resume(); return; }
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        const t = nowMs();
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.startsWith('data:')) {
            rec.ts.push(t - ts0);
            if (line.includes('[DONE]')) rec.done = true;
          }
        }
      });
      res.on('end', () => finish());
      res.on('aborted', () => { if (!rec.error) rec.error = 'aborted'; });
    });
    let finished = false;
    const finish = () => {
      if (finished) return; finished = true;
      open.delete(r);
      rec.total_ms = nowMs() - ts0;
      results.push(rec);
      resolve();
    };
    r._bench_rec = rec;
    open.add(r);
    r.on('error', (e) => { if (!rec.error) rec.error = e.code || e.message; finish(); });
    r.on('close', finish);
    r.end(body);
  });
}

async function user(u) {
  let token, cid;
  try {
    token = (await jsonCall('/api/login', {}, { username: 'user' + u, password: 'pw' })).data.accessToken;
    cid = (await jsonCall('/api/conversations', { Authorization: 'Bearer ' + token }, {})).data.conversationId;
  } catch (e) {
    results.push({ rid: `nr-${u}-login`, ts: [], done: false, error: 'login_' + (e.code || e.message), total_ms: 0 });
    return;
  }
  for (let i = 0; nowMs() < deadline; i++) await stream(token, cid, `nr-${u}-${i}`);
}

function write() {
  const lines = results.map((r) => {
    const ts = r.ts;
    const ev = ts.filter((_, k) => !(r.done && k === ts.length - 1));
    return JSON.stringify({
      rid: r.rid, start_epoch_ms: r.start_epoch_ms,
      ttfe_ms: ts.length ? +ts[0].toFixed(3) : null,
      gaps_ms: ts.slice(1).map((t, k) => +(t - ts[k]).toFixed(3)),
      total_ms: r.total_ms !== undefined ? +r.total_ms.toFixed(3) : null,
      n_events: ev.length, done: r.done, error: r.error,
    });
  });
  fs.writeFileSync(out, lines.join('\n') + (lines.length ? '\n' : ''));
}

(async () => {
  const users = [];
  for (let u = 0; u < C; u++) users.push(user(u));
  const hard = setTimeout(() => { for (const r of open) { r._bench_rec.error = r._bench_rec.error || 'cut_at_end'; r.destroy(); } }, D * 1000 + 5000);
  await Promise.all(users);
  clearTimeout(hard);
  write();
  agent.destroy();
  console.error(`[node-ref] streams=${results.length} done=${results.filter((r) => r.done).length}`);
})();
