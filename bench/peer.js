// The peer: twitter-api-v2 1.29.1 (pinned in package.json, as in x-sandbox's fidelity test) against the sandbox.
//   node peer.js video FILE            chunked upload (INIT, 1 MiB APPENDs in sequence, FINALIZE, STATUS polls)
//   node peer.js images TEXT F1 F2 ... uploads the images at once (Promise.all), then posts them
// Env: SANDBOX_URL, ACCESS_TOKEN (an OAuth 2.0 user token from /__sandbox/tokens). Last line: RESULT <json>.
'use strict';
const fs = require('fs');
const http = require('http');
const { TwitterApi } = require('twitter-api-v2');

const sandbox = new URL(process.env.SANDBOX_URL);

// No base-URL option (FACTS §7): rewrite its https://api.x.com requests to the sandbox, as the fidelity test does.
const redirectToSandbox = {
  onBeforeRequest({ computedParams }) {
    computedParams.url.protocol = sandbox.protocol;
    computedParams.url.host = sandbox.host;
  },
};

// Its first STATUS poll comes right after FINALIZE, which X and the sandbox answer with 429: hold STATUS requests
// until check_after_secs has passed (the same plugin as the fidelity test), so the peer completes at all.
let nextPollAt = 0;
const paceStatusPolls = {
  async onBeforeRequestConfig({ url, params }) {
    const isStatus = url.pathname === '/2/media/upload' && params.method.toUpperCase() === 'GET';
    const wait = nextPollAt - Date.now();
    if (isStatus && wait > 0) {
      await new Promise(resolve => setTimeout(resolve, wait));
    }
  },
  onAfterRequest({ response }) {
    const info = response && response.data && response.data.data && response.data.data.processing_info;
    if (info && info.check_after_secs) {
      nextPollAt = Date.now() + info.check_after_secs * 1000;
    }
  },
};

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  const client = new TwitterApi(process.env.ACCESS_TOKEN,
    { plugins: [redirectToSandbox, paceStatusPolls], httpAgent: new http.Agent({ keepAlive: true }) });
  if (mode === 'video') {
    const video = fs.readFileSync(rest[0]);
    const mediaId = await client.v2.uploadMedia(video, { media_type: 'video/mp4' });
    console.log('RESULT ' + JSON.stringify({ mediaId }));
  } else if (mode === 'images') {
    const [text, ...files] = rest;
    const ids = await Promise.all(files.map(f => client.v2.uploadMedia(fs.readFileSync(f), { media_type: 'image/jpeg' })));
    const post = await client.v2.tweet({ text, media: { media_ids: ids } });
    console.log('RESULT ' + JSON.stringify({ mediaIds: ids, postId: post.data.id }));
  } else {
    throw new Error('usage: peer.js video FILE | images TEXT FILE...');
  }
}

main().catch(error => {
  console.error('twitter-api-v2 run failed:', error.code || '', error.data ? JSON.stringify(error.data) : '', error.message);
  process.exit(1);
});
