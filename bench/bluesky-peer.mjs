// The Bluesky peer: @atproto/api 0.21.0 (the official client, from the PDS fixture's node_modules) against the same
// real PDS, doing what `outpost post` does with the video service off: upload each file with uploadBlob, then one
// app.bsky.feed.post record embedding them with their alt text. The client takes the bytes whole (a Uint8Array), the
// usual way to use it from Node; images are uploaded at once, as Outpost uploads a post's files concurrently.
//   node bluesky-peer.mjs TEXT FILE ALT [FILE ALT]...
// Env: PDS_URL, SESSION (the JSON of a createSession answer). Last line: RESULT <json>.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '../adapters-bluesky/src/test/pds/');
const { AtpAgent } = createRequire(fixture)('@atproto/api');
const types = { '.jpg': 'image/jpeg', '.png': 'image/png', '.mp4': 'video/mp4' };

async function main() {
  const [text, ...rest] = process.argv.slice(2);
  const agent = new AtpAgent({ service: process.env.PDS_URL });
  const session = JSON.parse(process.env.SESSION);
  await agent.resumeSession({ ...session, active: true });
  const pairs = [];
  for (let i = 0; i < rest.length; i += 2) pairs.push([rest[i], rest[i + 1]]);
  const blobs = await Promise.all(pairs.map(([file]) => agent.uploadBlob(new Uint8Array(fs.readFileSync(file)),
    { encoding: types[path.extname(file)] || 'application/octet-stream' })));
  const video = pairs.length === 1 && pairs[0][0].endsWith('.mp4');
  const embed = video
    ? { $type: 'app.bsky.embed.video', video: blobs[0].data.blob, alt: pairs[0][1] }
    : { $type: 'app.bsky.embed.images', images: blobs.map((b, i) => ({ image: b.data.blob, alt: pairs[i][1] })) };
  const posted = await agent.post({ text, ...(pairs.length ? { embed } : {}), createdAt: new Date().toISOString() });
  console.log('RESULT ' + JSON.stringify(posted));
}

main().catch(error => {
  console.error('@atproto/api run failed:', error.status || '', error.message);
  process.exit(1);
});
