// BENCH_ONLY=mastodon (issue 15): Outpost against masto.js 8.0.0 on the same mastodon-sandbox (a separate JVM on
// loopback) — one post of 4 images with alt text, one post of a 50 MB video — wall time and peak RSS of each client
// process (/usr/bin/time -v), BENCH_REPEAT rounds interleaved. Called by bench.js with its helpers.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const PORT = 18120;
const VIDEO_BYTES = Number(process.env.BENCH_MASTODON_VIDEO_BYTES || 50000000);

module.exports = async function mastodonBench({ ROOT, OUT, MEDIA, REPEAT, run, must, log, request, json, sleep, makeVideo, makeImage, children }) {
  const jar = path.join(ROOT, 'mastodon-sandbox/target/mastodon-sandbox.jar');
  if (!fs.existsSync(jar)) throw new Error(jar + ' is missing: ./mvnw -B -q -pl mastodon-sandbox -am package -DskipTests');
  const base = `http://127.0.0.1:${PORT}`;
  const files = { images: [1, 2, 3, 4].map(i => path.join(MEDIA, `image-${i}.jpg`)), video: path.join(MEDIA, 'mastodon-video.mp4') };
  files.images.forEach(f => makeImage(f, 4000000));
  makeVideo(files.video, VIDEO_BYTES);
  const logFile = fs.openSync(path.join(OUT, `mastodon-sandbox-${PORT}.log`), 'w');
  // No rate limit (the rounds would hit 300 per 5 min); 2 polls of 206 per video, as the default.
  const p = spawn('java', ['-jar', jar, '--port', String(PORT), '--rate-limit', '0/1'], { stdio: ['ignore', logFile, logFile] });
  children.push(p);
  let up = false;
  for (let i = 0; i < 150 && !up; i++) {
    try { up = (await request(base + '/api/v2/instance', { timeoutMs: 1000 })).status === 200; } catch { /* not yet */ }
    if (!up) await sleep(200);
  }
  if (!up) throw new Error('mastodon-sandbox did not start');
  const token = async () => (await json(base + '/__sandbox/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).data.access_token;
  const OUTPOST = path.join(ROOT, 'app-cli/target/outpost');
  const cases = {
    images: { text: 'Four images', args: files.images.flatMap((f, i) => [f, `Alt text of image ${i + 1}`]) },
    video: { text: 'A 50 MB video', args: [files.video, 'Alt text of the video'] },
  };
  const results = {};
  for (let rep = 0; rep < REPEAT; rep++) {
    for (const [name, c] of Object.entries(cases)) {
      for (const kind of ['outpost', 'masto']) {
        await request(base + '/__sandbox/reset', { method: 'POST' });
        const t = await token();
        let r;
        if (kind === 'outpost') {
          const home = path.join(OUT, 'homes', 'mastodon');
          fs.rmSync(home, { recursive: true, force: true });
          fs.mkdirSync(home, { recursive: true });
          const env = { OUTPOST_HOME: home };
          must(await run(OUTPOST, ['accounts', 'import', 'mastodon', '--server', base, '--access-token', '-', '-q'], { env, input: t + '\n' }), 'outpost import');
          const media = [];
          for (let i = 0; i < c.args.length; i += 2) media.push('--media', c.args[i], '--alt', c.args[i + 1]);
          r = must(await run(OUTPOST, ['post', c.text, ...media, '-q'], { env, timed: true }), 'outpost post');
        } else {
          r = must(await run('node', [path.join(__dirname, 'masto-peer.mjs'), c.text, ...c.args],
            { env: { SANDBOX_URL: base, ACCESS_TOKEN: t }, timed: true }), 'masto.js');
        }
        const statuses = (await json(base + '/api/v1/accounts/109000000000000001/statuses')).data; // as anyone: the token lacks read:statuses
        if (!Array.isArray(statuses) || statuses.length !== 1 || statuses[0].media_attachments.length !== c.args.length / 2) {
          throw new Error(`${kind} ${name}: expected one status with ${c.args.length / 2} media, got ${JSON.stringify(statuses).slice(0, 300)}`);
        }
        const row = { wall: r.wall, rssMB: r.rssMB };
        (results[`${name}/${kind}`] = results[`${name}/${kind}`] || []).push(row);
        log(`mastodon ${name} ${kind} #${rep + 1}: ${r.wall.toFixed(2)} s, RSS ${r.rssMB.toFixed(1)} MB`);
      }
    }
  }
  return results;
};
