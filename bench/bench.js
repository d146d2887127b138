// Outpost benchmark (issue 9): Outpost vs the limit vs the peer (twitter-api-v2 1.29.1), all against x-sandbox on
// loopback, in one run. Started by bench/run.sh (which builds first); prints a table and writes bench/out/results.md
// and bench/out/results.json. Every loop is bounded; every network call goes to 127.0.0.1.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const crypto = require('crypto');
const { spawn, execFileSync } = require('child_process');

const BENCH = __dirname;
const ROOT = path.resolve(BENCH, '..');
const OUT = path.join(BENCH, 'out');
const MEDIA = path.join(OUT, 'media');
const env = process.env;
// 512 MiB, X's video cap (XPlatformPlugin and the sandbox both read "512 MB" as 512 × 2^20 bytes).
const VIDEO_BYTES = Number(env.BENCH_VIDEO_BYTES || 512 * 1048576);
const POLL_VIDEO_BYTES = 20000000;
const IMAGE_BYTES = 4000000;
const REPEAT = Number(env.BENCH_REPEAT || 3);
const STARTUP_RUNS = Number(env.BENCH_STARTUP_RUNS || 9);
const WEB_PUBLICATIONS = Number(env.BENCH_WEB_PUBLICATIONS || 50);
const LATENCIES = [0, 20];
const ONLY = env.BENCH_ONLY ? env.BENCH_ONLY.split(',') : null; // for developing the bench: e.g. BENCH_ONLY=startup,web
const want = part => !ONLY || ONLY.includes(part);
const S1_PORT = 18101; // uploads: processing 0 s (check_after_secs 1 still applies), segments up to 600 MB (for the limit)
const S2_PORT = 18102; // defaults: processing 3 s, check_after_secs 1, early STATUS polls get 429; images, polls, web
const WEB_PORT = 18110;
const WEB_PASSWORD = 'bench-admin-password-9';
const OUTPOST = path.join(ROOT, 'app-cli/target/outpost');
const OUTPOST_JAR = path.join(ROOT, 'app-cli/target/outpost.jar');
const SANDBOX_JAR = path.join(ROOT, 'x-sandbox/target/x-sandbox.jar');
const WEB_JAR = path.join(ROOT, 'app-web/target/outpost-web.jar');
const CLIENT_ID = 'outpost-sandbox-client';
const CLIENT_SECRET = 'outpost-sandbox-secret';

const children = [];
const log = (...a) => console.error('[bench]', ...a);
const sleep = ms => new Promise(r => setTimeout(r, ms));
const median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)]; };

// ---------- HTTP helpers (loopback only) ----------
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
function request(url, { method = 'GET', headers = {}, body = null, timeoutMs = 120000 } = {}) {
  const u = new URL(url);
  if (u.hostname !== '127.0.0.1') throw new Error('loopback only: ' + url);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(u, { method, headers, agent }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'),
        ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout ' + url)));
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}
const json = async (url, opts) => { const r = await request(url, opts); return { ...r, data: r.body ? JSON.parse(r.body) : null }; };

// ---------- processes ----------
function run(cmd, args, { env: extra = {}, timed = false, input = null, timeoutMs = 900000 } = {}) {
  const argv = timed ? ['/usr/bin/time', ['-v', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const p = spawn(argv[0], argv[1], { env: { ...env, ...extra }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', d => { out += d; });
    p.stderr.on('data', d => { err += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    if (input) p.stdin.write(input);
    p.stdin.end();
    p.on('error', reject);
    p.on('close', code => {
      clearTimeout(timer);
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      resolve({ code, out, err, wall, rssMB: rss ? Number(rss[1]) / 1024 : null });
    });
  });
}
function must(r, what) {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.out}\n${r.err.split('\n').slice(-25).join('\n')}`);
  return r;
}

async function startSandbox(port, flags) {
  const logFile = fs.openSync(path.join(OUT, `sandbox-${port}.log`), 'w');
  const p = spawn('java', ['-jar', SANDBOX_JAR, '--port', String(port), ...flags], { stdio: ['ignore', logFile, logFile] });
  children.push(p);
  for (let i = 0; i < 150; i++) {
    try { const r = await request(`http://127.0.0.1:${port}/__sandbox/faults`, { timeoutMs: 1000 }); if (r.status === 200) return p; } catch { /* not yet */ }
    await sleep(200);
  }
  throw new Error('sandbox on port ' + port + ' did not start; see ' + path.join(OUT, `sandbox-${port}.log`));
}

// ---------- sandbox admin ----------
const base = port => `http://127.0.0.1:${port}`;
async function resetSandbox(port, latencyMs) {
  await request(base(port) + '/__sandbox/reset', { method: 'POST' });
  if (latencyMs) {
    const r = await request(base(port) + '/__sandbox/faults', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latency_ms: latencyMs }) });
    if (r.status >= 300) throw new Error('latency fault refused: ' + r.body);
  }
}
async function tokens(port) {
  const r = await json(base(port) + '/__sandbox/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return r.data;
}
async function requestLog(port) {
  const r = await json(base(port) + '/__sandbox/requests');
  const list = Array.isArray(r.data) ? r.data : r.data.requests;
  const byEndpoint = {};
  for (const q of list) byEndpoint[q.endpoint || 'other'] = (byEndpoint[q.endpoint || 'other'] || 0) + 1;
  return { list, total: list.length, byEndpoint, status: list.filter(q => q.endpoint === 'status').length,
    s429: list.filter(q => q.status === 429).length, errors: list.filter(q => q.status >= 400 || q.status === 0).length };
}

// ---------- Outpost CLI environment ----------
function outpostEnv(port, home) {
  return { OUTPOST_HOME: home, OUTPOST_X_API_URL: base(port), OUTPOST_X_AUTHORIZE_URL: base(port) + '/i/oauth2/authorize',
    OUTPOST_X_WEB_URL: base(port), OUTPOST_X_CLIENT_ID: CLIENT_ID, OUTPOST_X_CLIENT_SECRET: CLIENT_SECRET };
}
async function freshOutpostHome(port, name) {
  const home = path.join(OUT, 'homes', name);
  fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync(home, { recursive: true });
  const t = await tokens(port);
  must(await run(OUTPOST, ['accounts', 'import', 'x', '--access-token', '-', '--refresh-token', t.refresh_token,
    '--expires-in', String(t.expires_in), '--json', '-q'], { env: outpostEnv(port, home), input: t.access_token + '\n' }),
  'outpost accounts import');
  return home;
}

// ---------- media ----------
function makeVideo(file, bytes) {
  if (fs.existsSync(file) && fs.statSync(file).size === bytes) return;
  const fd = fs.openSync(file, 'w');
  const head = Buffer.alloc(32);
  head.writeUInt32BE(24, 0); head.write('ftypisom', 4, 'latin1'); head.writeUInt32BE(0x200, 12); head.write('isomiso2', 16, 'latin1');
  head.writeUInt32BE(bytes - 24, 24); head.write('mdat', 28, 'latin1');
  fs.writeSync(fd, head);
  const block = Buffer.alloc(8 << 20);
  for (let left = bytes - 32; left > 0;) { // bounded: left shrinks every turn
    const n = Math.min(left, block.length);
    crypto.randomFillSync(block, 0, n);
    fs.writeSync(fd, block, 0, n);
    left -= n;
  }
  fs.closeSync(fd);
}
function makeImage(file, bytes) {
  if (fs.existsSync(file) && fs.statSync(file).size === bytes) return;
  const b = crypto.randomBytes(bytes);
  b[0] = 0xFF; b[1] = 0xD8; b[2] = 0xFF; b[3] = 0xE0; // JPEG-sniffable; random filler is fine for the sandbox
  fs.writeFileSync(file, b);
}

// ---------- 1. video upload ----------
async function videoRun(kind, latency, files) {
  const port = S1_PORT;
  await resetSandbox(port, latency);
  let r;
  if (kind === 'limit') {
    const t = await tokens(port);
    const auth = { authorization: 'Bearer ' + t.access_token, 'content-type': 'application/json' };
    const init = await json(base(port) + '/2/media/upload/initialize', { method: 'POST', headers: auth,
      body: JSON.stringify({ total_bytes: VIDEO_BYTES, media_type: 'video/mp4', media_category: 'tweet_video' }) });
    const id = init.data.data.id;
    // One POST with the whole file as segment 0 (S1 takes segments up to 600 MB); 'Expect:' off so curl sends at once.
    r = must(await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '-H', 'Expect:', '-H', 'Authorization: Bearer ' + t.access_token,
      '-F', 'segment_index=0', '-F', `media=@${files.video};type=application/octet-stream`,
      `${base(port)}/2/media/upload/${id}/append`], { timed: true }), 'curl');
    if (!/^2/.test(r.out)) throw new Error('limit POST answered ' + r.out);
    const reqs = await requestLog(port);
    const appendOnly = reqs.list.filter(q => q.endpoint === 'append');
    return { wall: r.wall, rssMB: r.rssMB, requests: appendOnly.length, status: 0, s429: 0, errors: reqs.errors, pre: 0, transfer: r.wall, post: 0, wait: 0,
      note: 'INIT before the clock; 1 APPEND timed' };
  }
  let spawnAt;
  if (kind === 'peer') {
    const t = await tokens(port);
    spawnAt = Date.now();
    r = must(await run('node', [path.join(BENCH, 'peer.js'), 'video', files.video], { timed: true,
      env: { SANDBOX_URL: base(port), ACCESS_TOKEN: t.access_token } }), 'peer');
  } else {
    const home = await freshOutpostHome(port, kind + '-' + latency);
    const e = outpostEnv(port, home);
    spawnAt = Date.now();
    // 'outpost': the CLI as shipped (4 APPENDs in flight); 'outpost-seq': one APPEND at a time.
    if (kind === 'outpost-seq') e.OUTPOST_APPEND_PARALLELISM = '1';
    r = must(await run(OUTPOST, ['upload', files.video, '--json', '-q'], { timed: true, env: e }), 'outpost upload ' + kind);
  }
  const reqs = await requestLog(port);
  // Phases from the sandbox's request log (same clock): start → INIT, INIT → FINALIZE (the transfer), FINALIZE → exit
  // (the check_after_secs wait, STATUS, shutdown). The wait is FINALIZE → first STATUS: the protocol's, not the client's.
  const at = ep => Date.parse((reqs.list.find(q => q.endpoint === ep) || {}).at);
  const initAt = at('initialize'), finAt = at('finalize'), statusAt = at('status'), endAt = spawnAt + r.wall * 1000;
  return { wall: r.wall, rssMB: r.rssMB, requests: reqs.total, status: reqs.status, s429: reqs.s429, errors: reqs.errors,
    appends: reqs.byEndpoint.append || 0, pre: (initAt - spawnAt) / 1000, transfer: (finAt - initAt) / 1000, post: (endAt - finAt) / 1000,
    wait: Number.isNaN(statusAt) ? 0 : (statusAt - finAt) / 1000 };
}

// ---------- 2. images ----------
async function imagesRun(kind, files, i) {
  const port = S2_PORT;
  await resetSandbox(port, 0);
  const text = `Four images, ${kind} run ${i} ${Date.now()}`;
  let r;
  if (kind === 'peer') {
    const t = await tokens(port);
    r = must(await run('node', [path.join(BENCH, 'peer.js'), 'images', text, ...files.images], { timed: true,
      env: { SANDBOX_URL: base(port), ACCESS_TOKEN: t.access_token } }), 'peer images');
  } else {
    const home = await freshOutpostHome(port, 'images');
    r = must(await run(OUTPOST, ['post', text, ...files.images.flatMap(f => ['--media', f]), '--json', '-q'],
      { timed: true, env: outpostEnv(port, home) }), 'outpost post');
  }
  const reqs = await requestLog(port);
  const posts = reqs.list.filter(q => q.endpoint === 'tweets' && q.status === 201).length;
  return { wall: r.wall, rssMB: r.rssMB, requests: reqs.total, byEndpoint: reqs.byEndpoint, posts, errors: reqs.errors };
}

// ---------- 3. processing polls ----------
async function pollsRun(kind, files) {
  const port = S2_PORT;
  await resetSandbox(port, 0);
  let r;
  if (kind === 'peer') {
    const t = await tokens(port);
    r = must(await run('node', [path.join(BENCH, 'peer.js'), 'video', files.pollVideo], { timed: true,
      env: { SANDBOX_URL: base(port), ACCESS_TOKEN: t.access_token } }), 'peer polls');
  } else {
    const home = await freshOutpostHome(port, 'polls');
    r = must(await run(OUTPOST, ['upload', files.pollVideo, '--json', '-q'], { timed: true, env: outpostEnv(port, home) }), 'outpost polls');
  }
  const reqs = await requestLog(port);
  const fin = reqs.list.find(q => q.endpoint === 'finalize');
  const polls = reqs.list.filter(q => q.endpoint === 'status');
  const gaps = polls.map(q => (Date.parse(q.at) - Date.parse(fin.at)) / 1000);
  return { wall: r.wall, status: polls.length, s429: reqs.s429, pollAt: gaps.map(g => g.toFixed(2)).join(' ') };
}

// ---------- 4. start-up ----------
// The build (app-cli, commit 6732287) leaves an AppCDS archive target/outpost.jsa that the launcher maps. "Without"
// runs the same jar with the launcher's other flags and only the JDK's default CDS archive; "no CDS" turns sharing off.
async function startup() {
  const jsa = path.join(ROOT, 'app-cli/target/outpost.jsa');
  const res = { jsaPresent: fs.existsSync(jsa), jsaMB: fs.existsSync(jsa) ? fs.statSync(jsa).size / 1048576 : 0 };
  const variants = {
    built: args => [OUTPOST, args],
    plain: args => ['java', ['-XX:+UseSerialGC', '-Xmx40m', '-jar', OUTPOST_JAR, ...args]],
    noshare: args => ['java', ['-XX:+UseSerialGC', '-Xmx40m', '-Xshare:off', '-jar', OUTPOST_JAR, ...args]],
  };
  for (const cmd of ['--version', '--help']) {
    const ts = { built: [], plain: [], noshare: [] };
    for (let i = 0; i < STARTUP_RUNS; i++) { // interleaved, so load drift hits all three alike
      for (const [name, make] of Object.entries(variants)) {
        const [c, a] = make([cmd]);
        ts[name].push(must(await run(c, a), `${name} ${cmd}`).wall);
      }
    }
    for (const name of Object.keys(variants)) res[`${cmd} ${name}`] = median(ts[name]);
  }
  return res;
}

// ---------- 5. web app under load ----------
function multipart(fields, fileField, filePath) {
  const boundary = '----outpostbench' + crypto.randomBytes(8).toString('hex');
  const parts = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${path.basename(filePath)}"\r\n`
    + 'Content-Type: image/jpeg\r\n\r\n'));
  parts.push(fs.readFileSync(filePath));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: 'multipart/form-data; boundary=' + boundary };
}
function vmHwmMB(pid) {
  try { const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8')); return m ? Number(m[1]) / 1024 : null; } catch { return null; }
}
async function webLoad(files) {
  const port = S2_PORT;
  await resetSandbox(port, 0);
  const home = path.join(OUT, 'homes', 'web');
  fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync(home, { recursive: true });
  const web = `http://127.0.0.1:${WEB_PORT}`;
  const logFile = fs.openSync(path.join(OUT, 'web.log'), 'w');
  const p = spawn('java', ['-jar', WEB_JAR], { stdio: ['ignore', logFile, logFile], env: { ...env,
    ...outpostEnv(port, home), OUTPOST_WEB_PORT: String(WEB_PORT), OUTPOST_WEB_PASSWORD: WEB_PASSWORD } });
  children.push(p);
  const auth = { authorization: 'Basic ' + Buffer.from(':' + WEB_PASSWORD).toString('base64') };
  let up = false;
  for (let i = 0; i < 300 && !up; i++) {
    try { up = (await request(web + '/health', { timeoutMs: 1000 })).status === 200; } catch { /* not yet */ }
    if (!up) await sleep(200);
  }
  if (!up) throw new Error('web app did not start; see ' + path.join(OUT, 'web.log'));
  // Connect the sandbox user through the real OAuth flow (S2 auto-approves and knows the web callback).
  const c1 = await request(web + '/accounts/connect', { method: 'POST', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, body: 'platform=x' });
  if (c1.status !== 303 && c1.status !== 302) throw new Error('connect answered ' + c1.status + ' ' + c1.body.slice(0, 300));
  const c2 = await request(c1.headers.location);
  if (!c2.headers.location) throw new Error('sandbox authorize did not redirect: ' + c2.status + ' ' + c2.body.slice(0, 300));
  const c3 = await request(c2.headers.location, { headers: auth });
  if (c3.status >= 400) throw new Error('callback answered ' + c3.status + ' ' + c3.body.slice(0, 300));
  const accounts = JSON.parse((await request(web + '/api/accounts', { headers: auth })).body);
  const account = (Array.isArray(accounts) ? accounts : accounts.accounts)[0].id;
  const bodies = [];
  for (let i = 0; i < WEB_PUBLICATIONS; i++) {
    bodies.push(multipart({ account, text: `Bench publication ${i + 1} of ${WEB_PUBLICATIONS} (${Date.now()})`, 'media[0].alt': 'Random test image' },
      'media[0]', files.images[i % files.images.length]));
  }
  const t0 = Date.now();
  const submitted = await Promise.all(bodies.map(b => request(web + '/api/publications', { method: 'POST',
    headers: { ...auth, 'content-type': b.type, 'content-length': String(b.body.length) }, body: b.body }).catch(e => ({ status: 0, body: String(e), ms: 0 }))));
  const submitErrors = submitted.filter(s => s.status !== 201);
  const ids = submitted.filter(s => s.status === 201).map(s => JSON.parse(s.body).id);
  const tSubmitted = Date.now();
  // GET load loop: 8 concurrent pollers cycle through the ids until every publication is terminal (bounded: 300 s).
  const lat = [];
  let getErrors = 0;
  const states = new Map(ids.map(id => [id, 'queued']));
  let tAll = null;
  const deadline = Date.now() + 300000;
  const poller = async k => {
    for (let i = k; Date.now() < deadline && tAll === null; i++) {
      const id = ids[i % ids.length];
      try {
        const r = await request(web + '/api/publications/' + id, { headers: auth, timeoutMs: 30000 });
        lat.push(r.ms);
        if (r.status !== 200) { getErrors++; continue; }
        states.set(id, JSON.parse(r.body).state);
        if ([...states.values()].every(s => ['published', 'failed', 'cancelled'].includes(s))) tAll = tAll || Date.now();
      } catch { getErrors++; }
    }
  };
  if (ids.length) await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(poller));
  const finalStates = {};
  for (const s of states.values()) finalStates[s] = (finalStates[s] || 0) + 1;
  const reqs = await requestLog(port);
  const rss = vmHwmMB(p.pid);
  p.kill('SIGTERM');
  return { submitted: ids.length, submitErrors: submitErrors.length, submitErrorSample: submitErrors.slice(0, 2).map(s => s.status + ' ' + s.body.slice(0, 200)),
    submitP50: median(submitted.map(s => s.ms)), submitMax: Math.max(...submitted.map(s => s.ms)),
    allTerminalS: tAll ? (tAll - t0) / 1000 : null, submitS: (tSubmitted - t0) / 1000, finalStates,
    published: finalStates.published || 0, getCount: lat.length, getErrors, getP50: median(lat), getP99: pct(lat, 99),
    xRequests: reqs.total, x429: reqs.s429, xErrors: reqs.errors, xByEndpoint: reqs.byEndpoint, webRssMB: rss };
}

// ---------- report ----------
const f1 = x => (x == null ? '–' : x.toFixed(1));
const f2 = x => (x == null ? '–' : x.toFixed(2));
function machine() {
  const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
  const mem = /MemTotal:\s+(\d+) kB/.exec(fs.readFileSync('/proc/meminfo', 'utf8'));
  return { cpu: cpu ? cpu[1] : '?', nproc: os.cpus().length, memGiB: mem ? (Number(mem[1]) / 1048576).toFixed(1) : '?',
    java: require('child_process').spawnSync('java', ['-version']).stderr.toString().split('\n')[1] || '',
    node: process.version, kernel: os.release() };
}
function uptimeNow() { return execFileSync('uptime').toString().trim(); }
function busy() {
  try {
    return execFileSync('ps', ['-eo', 'pcpu,rss,etime,args', '--sort=-pcpu']).toString().split('\n').slice(1, 6)
      .map(l => l.trim().replace(/\s+/g, ' ').slice(0, 140)).join('\n');
  } catch { return ''; }
}

/** Outpost against a platform's own client: rows keyed "<case>/<client>"; cases and clients named by the labels. */
function clientTable(m, labels, aspectRatio = false) {
  const med = (rows, k) => median(rows.map(r => r[k]));
  const max = (rows, k) => Math.max(...rows.map(r => r[k]));
  let md = `| case | client | wall s (median) | wall s (max) | peak RSS MB (median) | peak RSS MB (max) |${aspectRatio ? ' aspectRatio |' : ''} runs |\n|---|---|---|---|---|---|${aspectRatio ? '---|' : ''}---|\n`;
  for (const [key, rows] of Object.entries(m)) {
    const [name, kind] = key.split('/');
    md += `| ${labels[name]} | ${labels[kind] || 'Outpost CLI'} | ${med(rows, 'wall').toFixed(2)} | ${max(rows, 'wall').toFixed(2)} | ${med(rows, 'rssMB').toFixed(1)} | ${max(rows, 'rssMB').toFixed(1)} |${aspectRatio ? ` ${rows.every(r => r.aspectRatio) ? 'yes' : 'no'} |` : ''} ${rows.length} |\n`;
  }
  return md;
}
const mastodonTable = m => clientTable(m, { images: '4 images × 4 MB, alt text', video: '50 MB video, alt text', masto: 'masto.js 8.0.0' });
const blueskyTable = m => clientTable(m, { text: 'a text post (fixed costs)', images: '4 images × 1.9 MB, alt text', video: '50 MB video as a blob, alt text', atproto: '@atproto/api 0.21.0' }, true);

async function main() {
  fs.mkdirSync(MEDIA, { recursive: true });
  const startedAt = new Date().toISOString();
  const meta = { startedAt, machine: machine(), uptimeBefore: uptimeNow(), busyBefore: busy(),
    commit: execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim(),
    dirty: execFileSync('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no']).toString().trim().split('\n').filter(Boolean).length,
    videoBytes: VIDEO_BYTES, repeat: REPEAT };
  log('machine', JSON.stringify(meta.machine), '|', meta.uptimeBefore);
  fs.mkdirSync(MEDIA, { recursive: true });
  // 0. Mastodon (issue 15): Outpost vs masto.js on mastodon-sandbox; alone with BENCH_ONLY=mastodon.
  if (ONLY && ONLY.includes('mastodon')) {
    const mastodon = await require('./mastodon.js')({ ROOT, OUT, MEDIA, REPEAT, run, must, log, request, json, sleep,
      makeVideo, makeImage, children });
    fs.writeFileSync(path.join(OUT, 'results-mastodon.json'), JSON.stringify({ meta, mastodon }, null, 2));
    const md = mastodonTable(mastodon);
    fs.writeFileSync(path.join(OUT, 'results-mastodon.md'), md);
    console.log(md);
    if (ONLY.length === 1) { for (const c of children) { try { c.kill('SIGTERM'); } catch { /* gone */ } } return; }
  }
  // 0b. Bluesky (issue 14): Outpost vs @atproto/api on the real PDS; alone with BENCH_ONLY=bluesky.
  if (ONLY && ONLY.includes('bluesky')) {
    const bluesky = await require('./bluesky.js')({ ROOT, OUT, MEDIA, REPEAT, run, must, log, request, json, sleep,
      makeVideo, children });
    const after = { uptimeAfter: uptimeNow(), busyAfter: busy() };
    fs.writeFileSync(path.join(OUT, 'results-bluesky.json'), JSON.stringify({ meta: { ...meta, ...after }, bluesky }, null, 2));
    const md = blueskyTable(bluesky) + `\nLoad before: ${meta.uptimeBefore}\nLoad after: ${after.uptimeAfter}\n`;
    fs.writeFileSync(path.join(OUT, 'results-bluesky.md'), md);
    console.log(md);
    if (ONLY.length === 1) { for (const c of children) { try { c.kill('SIGTERM'); } catch { /* gone */ } } return; }
  }
  const files = { video: path.join(MEDIA, 'video.mp4'), pollVideo: path.join(MEDIA, 'poll-video.mp4'),
    images: [1, 2, 3, 4].map(i => path.join(MEDIA, `image-${i}.jpg`)) };
  log('generating media (kept in bench/out/media, git-ignored)');
  makeVideo(files.video, VIDEO_BYTES);
  makeVideo(files.pollVideo, POLL_VIDEO_BYTES);
  files.images.forEach(f => makeImage(f, IMAGE_BYTES));

  await startSandbox(S1_PORT, ['--processing-seconds', '0', '--max-segment-bytes', '600000000']);
  await startSandbox(S2_PORT, ['--auto-approve', '--redirect-uri', `http://127.0.0.1:${WEB_PORT}/oauth/x/callback`,
    '--redirect-uri', 'http://127.0.0.1:8765/callback']);

  const results = { meta };
  // 1. video upload, interleaved rounds so drift in machine load hits every client alike
  results.video = {};
  for (const latency of want('video') ? LATENCIES : []) {
    for (let rep = 0; rep < REPEAT; rep++) {
      for (const kind of kinds()) {
        const key = `${kind}@${latency}`;
        const r = await videoRun(kind, latency, files);
        (results.video[key] = results.video[key] || []).push(r);
        log(`video ${key} #${rep + 1}: ${r.wall.toFixed(2)} s, ${r.requests} requests, RSS ${f1(r.rssMB)} MB, STATUS ${r.status}, 429s ${r.s429}`);
      }
    }
  }
  // 2. images
  results.images = {};
  for (let rep = 0; rep < (want('images') ? REPEAT : 0); rep++) {
    for (const kind of ['outpost', 'peer']) {
      const r = await imagesRun(kind, files, rep);
      (results.images[kind] = results.images[kind] || []).push(r);
      log(`images ${kind} #${rep + 1}: ${r.wall.toFixed(2)} s, ${r.requests} requests ${JSON.stringify(r.byEndpoint)}`);
    }
  }
  // 3. polls (S2: processing 3 s, check_after_secs 1 → minimum 3 STATUS calls)
  results.polls = {};
  for (const kind of want('polls') ? ['outpost', 'peer'] : []) {
    results.polls[kind] = await pollsRun(kind, files);
    log(`polls ${kind}: ${JSON.stringify(results.polls[kind])}`);
  }
  // 4. start-up
  if (want('startup')) results.startup = await startup();
  log('startup', JSON.stringify(results.startup));
  // 5. web
  meta.uptimeBeforeWeb = uptimeNow();
  if (want('web')) results.web = await webLoad(files);
  log('web', JSON.stringify(results.web));
  meta.uptimeAfter = uptimeNow();
  meta.busyAfter = busy();
  meta.finishedAt = new Date().toISOString();

  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2));
  const md = ONLY ? JSON.stringify(results, null, 1) : report(results);
  fs.writeFileSync(path.join(OUT, 'results.md'), md);
  console.log(md);
  for (const c of children) { try { c.kill('SIGTERM'); } catch { /* gone */ } }
  agent.destroy();
  process.exit(0);
}

function kinds() { return ['limit', 'outpost', 'outpost-seq', 'peer']; }

function report(R) {
  const m = R.meta;
  const L = [];
  const med = (key, f) => median(R.video[key].map(f));
  const maxOf = (key, f) => Math.max(...R.video[key].map(f));
  L.push(`Run ${m.startedAt} → ${m.finishedAt}; commit ${m.commit} (${m.dirty} tracked files modified in the shared tree)`);
  L.push(`Machine: ${m.machine.cpu}, ${m.machine.nproc} cores, ${m.machine.memGiB} GiB; ${m.machine.java}; node ${m.machine.node}; Linux ${m.machine.kernel}`);
  L.push(`Load: before ${m.uptimeBefore.replace(/.*load/, 'load')}; before web ${m.uptimeBeforeWeb.replace(/.*load/, 'load')}; after ${m.uptimeAfter.replace(/.*load/, 'load')}`);
  L.push('');
  L.push(`### 1. Video upload, ${m.videoBytes.toLocaleString('en')} bytes (median of ${m.repeat}; RSS = max)`);
  L.push('');
  L.push('| added latency | client | wall s | × limit | × peer | requests | APPENDs | STATUS | 429s | peak RSS MB | start→INIT s | INIT→FINALIZE s | transfer × limit | FINALIZE→exit s | of which check_after_secs wait s | (wall − wait) × limit |');
  L.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const lat of LATENCIES) {
    const limit = med(`limit@${lat}`, r => r.wall);
    const peer = med(`peer@${lat}`, r => r.wall);
    for (const kind of kinds()) {
      const key = `${kind}@${lat}`;
      const w = med(key, r => r.wall);
      const label = { limit: 'limit: curl, 1 POST', outpost: '`outpost upload` (defaults: 4 APPENDs in flight)',
        'outpost-seq': '`outpost upload`, OUTPOST_APPEND_PARALLELISM=1', peer: 'peer twitter-api-v2 1.29.1' }[kind];
      const wait = med(key, r => r.wait);
      L.push(`| ${lat} ms | ${label} | ${f2(w)} | ${f2(w / limit)} | ${f2(w / peer)} | ${med(key, r => r.requests)} | ${kind === 'limit' ? 1 : med(key, r => r.appends)} | ${med(key, r => r.status)} | ${maxOf(key, r => r.s429)} | ${f1(maxOf(key, r => r.rssMB))} | ${f2(med(key, r => r.pre))} | ${f2(med(key, r => r.transfer))} | ${f2(med(key, r => r.transfer) / limit)} | ${f2(med(key, r => r.post))} | ${f2(wait)} | ${f2(med(key, r => r.wall - r.wait) / limit)} |`);
    }
  }
  L.push('');
  L.push(`### 2. Four ${(IMAGE_BYTES / 1e6).toFixed(0)} MB images uploaded and posted (median of ${m.repeat})`);
  L.push('');
  L.push('| client | wall s | × peer | requests | by endpoint | peak RSS MB |');
  L.push('|---|---|---|---|---|---|');
  const peerImg = median(R.images.peer.map(r => r.wall));
  for (const kind of ['outpost', 'peer']) {
    const rs = R.images[kind];
    L.push(`| ${kind === 'outpost' ? '`outpost post` 4 × --media' : 'peer (Promise.all uploads, then tweet)'} | ${f2(median(rs.map(r => r.wall)))} | ${f2(median(rs.map(r => r.wall)) / peerImg)} | ${median(rs.map(r => r.requests))} | ${JSON.stringify(rs[0].byEndpoint).replace(/"/g, '')} | ${f1(Math.max(...rs.map(r => r.rssMB)))} |`);
  }
  L.push('');
  L.push('### 3. Processing polls (20 MB video; sandbox processing 3 s, check_after_secs 1, early polls get 429)');
  L.push('');
  L.push('| client | STATUS calls | minimum (3 s / 1 s) | 429s | polls at (s after FINALIZE) |');
  L.push('|---|---|---|---|---|');
  for (const kind of ['outpost', 'peer']) {
    const p = R.polls[kind];
    L.push(`| ${kind === 'outpost' ? '`outpost upload`' : 'peer (+ the fidelity test\'s pacing plugin)'} | ${p.status} | 3 | ${p.s429} | ${p.pollAt} |`);
  }
  const v0 = R.video['outpost@0'];
  L.push(`\nIn part 1 (processing 0 s, check_after_secs 1, minimum 1): \`outpost upload\` made ${v0.map(r => r.status).join(', ')} STATUS calls and ${v0.map(r => r.s429).join(', ')} 429s.`);
  L.push('');
  L.push(`### 4. Start-up (median of ${STARTUP_RUNS}, interleaved)`);
  L.push('');
  const S = R.startup;
  L.push('| command | launcher as built (AppCDS archive) s | same JVM flags, JDK default CDS only s | -Xshare:off s | built / default |');
  L.push('|---|---|---|---|---|');
  for (const c of ['--version', '--help']) {
    L.push(`| \`outpost ${c}\` | ${f2(S[c + ' built'])} | ${f2(S[c + ' plain'])} | ${f2(S[c + ' noshare'])} | ${f2(S[c + ' built'] / S[c + ' plain'])} |`);
  }
  L.push(`\napp-cli/target/outpost.jsa present: ${S.jsaPresent} (${f1(S.jsaMB)} MB).`);
  L.push('');
  const W = R.web;
  L.push(`### 5. Web app: ${WEB_PUBLICATIONS} publications with one 4 MB image each, submitted at once`);
  L.push('');
  L.push('| submitted (201) | submit errors | published | all terminal after s | GET /api/publications/{id}: n, p50 ms, p99 ms, errors | X requests, 429s, X errors | web RSS peak MB |');
  L.push('|---|---|---|---|---|---|---|');
  L.push(`| ${W.submitted} | ${W.submitErrors} | ${W.published} (${JSON.stringify(W.finalStates).replace(/"/g, '')}) | ${f1(W.allTerminalS)} (submits took ${f1(W.submitS)}) | ${W.getCount}, ${f1(W.getP50)}, ${f1(W.getP99)}, ${W.getErrors} | ${W.xRequests}, ${W.x429}, ${W.xErrors} | ${f1(W.webRssMB)} |`);
  if (W.submitErrorSample.length) L.push('\nSubmit errors: ' + W.submitErrorSample.join(' / '));
  L.push('');
  L.push('Busy processes at the end:\n```\n' + m.busyAfter + '\n```');
  return L.join('\n');
}

process.on('exit', () => { for (const c of children) { try { c.kill('SIGTERM'); } catch { /* gone */ } } });
process.on('SIGINT', () => process.exit(130));
main().catch(e => { console.error('[bench] FAILED:', e.stack || e); process.exit(1); });
