// The Mastodon peer: masto.js 8.0.0 (pinned in package.json + lock, as in mastodon-sandbox's fidelity test) against
// the Mastodon sandbox, doing what `outpost post` does: upload the files through media v2 with their alt text (masto.js
// polls GET /api/v1/media/:id until processed), then post them with an Idempotency-Key.
//   node masto-peer.mjs TEXT FILE ALT [FILE ALT]...
// Env: SANDBOX_URL, ACCESS_TOKEN. Last line: RESULT <json>.
import fs from 'node:fs';
import crypto from 'node:crypto';
import { createRestAPIClient } from 'masto';

const types = { '.jpg': 'image/jpeg', '.png': 'image/png', '.mp4': 'video/mp4' };

async function main() {
  const [text, ...rest] = process.argv.slice(2);
  const masto = createRestAPIClient({ url: process.env.SANDBOX_URL, accessToken: process.env.ACCESS_TOKEN });
  const pairs = [];
  for (let i = 0; i < rest.length; i += 2) pairs.push([rest[i], rest[i + 1]]);
  // Uploaded at once, as a client in a hurry would (Outpost uploads the files of one post concurrently too).
  // masto.js takes a Blob: the whole file is read into memory first, the usual way to use it from Node.
  const media = await Promise.all(pairs.map(([file, description]) => masto.v2.media.create({
    file: new Blob([fs.readFileSync(file)], { type: types[file.slice(file.lastIndexOf('.'))] || 'application/octet-stream' }),
    description })));
  const status = await masto.v1.statuses.create({ status: text, mediaIds: media.map(m => m.id) },
    { requestInit: { headers: { 'Idempotency-Key': crypto.randomUUID() } } });
  console.log('RESULT ' + JSON.stringify({ mediaIds: media.map(m => m.id), statusId: status.id, url: status.url }));
}

main().catch(error => {
  console.error('masto.js run failed:', error.statusCode || '', error.message);
  process.exit(1);
});
