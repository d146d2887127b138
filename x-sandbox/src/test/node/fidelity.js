// Drives the X sandbox with the real twitter-api-v2 client: refresh a token, upload an image with
// alt text and a video through the chunked flow (with processing polls), post with each.
// Input comes from the environment; the last stdout line is "RESULT <json>" (ids only, never tokens).
'use strict';
const fs = require('fs');
const http = require('http');
const { TwitterApi } = require('twitter-api-v2');

const sandbox = new URL(process.env.SANDBOX_URL);

// The client has no base-URL option: send its https://api.x.com requests to the sandbox instead.
const redirectToSandbox = {
  onBeforeRequest({ computedParams }) {
    computedParams.url.protocol = sandbox.protocol;
    computedParams.url.host = sandbox.host;
  },
};

// Its first STATUS poll comes right after FINALIZE, before check_after_secs (FACTS §7); X (and the
// sandbox) answer such a poll with 429, so hold STATUS requests until the time the server asked for.
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

const settings = { plugins: [redirectToSandbox, paceStatusPolls], httpAgent: new http.Agent({ keepAlive: true }) };

async function main() {
  const app = new TwitterApi({ clientId: process.env.CLIENT_ID, clientSecret: process.env.CLIENT_SECRET }, settings);
  const { client, refreshToken, scope } = await app.refreshOAuth2Token(process.env.REFRESH_TOKEN);
  if (!refreshToken || !scope.includes('media.write')) {
    throw new Error('refresh did not return a rotated refresh token with media.write');
  }
  const me = await client.v2.me();

  const image = fs.readFileSync(process.env.IMAGE_PATH);
  const imageId = await client.v2.uploadMedia(image, { media_type: 'image/png' });
  await client.v2.createMediaMetadata(imageId, { alt_text: { text: process.env.ALT_TEXT } });

  const video = fs.readFileSync(process.env.VIDEO_PATH);
  const videoId = await client.v2.uploadMedia(video, { media_type: 'video/mp4' });

  const withImage = await client.v2.tweet({ text: 'An image from twitter-api-v2', media: { media_ids: [imageId] } });
  const withVideo = await client.v2.tweet({ text: 'A video from twitter-api-v2', media: { media_ids: [videoId] } });

  console.log('RESULT ' + JSON.stringify({
    userId: me.data.id,
    imageId,
    videoId,
    imagePostId: withImage.data.id,
    videoPostId: withVideo.data.id,
    editHistory: withVideo.data.edit_history_tweet_ids,
  }));
}

main().catch(error => {
  // ApiResponseError carries the HTTP status and X's body; print them, never the request headers
  console.error('twitter-api-v2 run failed:', error.code || '', error.data ? JSON.stringify(error.data) : '', error.message);
  process.exit(1);
});
