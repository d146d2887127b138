// Drives the Mastodon sandbox with the real masto.js client, unchanged: register an app, sign in with OAuth and
// PKCE (the consent page posted as a browser would), upload an image with alt text and a video through media v2
// (masto.js polls GET /api/v1/media/:id until processed), post with an Idempotency-Key (twice: one status), reply,
// revoke. Input comes from the environment; the last stdout line is "RESULT <json>" (ids only, never secrets).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createOAuthAPIClient, createRestAPIClient } from 'masto';

const url = process.env.SANDBOX_URL;
const redirectUri = 'http://127.0.0.1:8765/callback';
const scopes = 'write:media write:statuses read:accounts';

function base64url(bytes) {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// The browser: opens the consent page, then submits its form with the "Authorize" button.
async function consent(authorizeUrl) {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200 || !html.includes('Authorize')) {
    throw new Error(`no consent page: ${page.status}`);
  }
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.append(m[1], m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'"));
  }
  form.append('decision', 'approve');
  const answer = await fetch(new URL('/oauth/authorize', url), { method: 'POST', body: form, redirect: 'manual' });
  const location = new URL(answer.headers.get('location'));
  return { code: location.searchParams.get('code'), state: location.searchParams.get('state') };
}

async function main() {
  const anonymous = createRestAPIClient({ url });
  const app = await anonymous.v1.apps.create({ clientName: 'masto.js fidelity', redirectUris: [redirectUri], scopes,
    website: 'https://github.com/neet/masto.js' });

  const verifier = base64url(crypto.randomBytes(32));
  const challenge = base64url(crypto.createHash('sha256').update(verifier).digest());
  const state = base64url(crypto.randomBytes(16));
  const authorize = new URL('/oauth/authorize', url);
  authorize.search = new URLSearchParams({ response_type: 'code', client_id: app.clientId, redirect_uri: redirectUri,
    scope: scopes, state, code_challenge: challenge, code_challenge_method: 'S256' }).toString();
  const callback = await consent(authorize.toString());
  if (callback.state !== state) {
    throw new Error('the state did not come back');
  }

  const oauth = createOAuthAPIClient({ url });
  const token = await oauth.token.create({ grantType: 'authorization_code', clientId: app.clientId,
    clientSecret: app.clientSecret, redirectUri, code: callback.code, codeVerifier: verifier, scope: scopes });

  const masto = createRestAPIClient({ url, accessToken: token.accessToken });
  const me = await masto.v1.accounts.verifyCredentials();
  const instance = await masto.v2.instance.fetch();

  const image = await masto.v2.media.create({
    file: new Blob([fs.readFileSync(process.env.IMAGE_PATH)], { type: 'image/png' }),
    description: process.env.ALT_TEXT,
  });
  const video = await masto.v2.media.create({
    file: new Blob([fs.readFileSync(process.env.VIDEO_PATH)], { type: 'video/mp4' }),
  });

  const key = { requestInit: { headers: { 'Idempotency-Key': process.env.IDEMPOTENCY_KEY } } };
  const params = { status: 'An image from masto.js', mediaIds: [image.id], visibility: 'unlisted',
    spoilerText: 'A test', language: 'en' };
  const first = await masto.v1.statuses.create(params, key);
  const again = await masto.v1.statuses.create(params, key);
  const reply = await masto.v1.statuses.create({ status: 'A video in reply', mediaIds: [video.id],
    inReplyToId: first.id });

  await oauth.revoke({ clientId: app.clientId, clientSecret: app.clientSecret, token: token.accessToken });
  let revoked = false;
  try {
    await masto.v1.accounts.verifyCredentials();
  } catch (error) {
    revoked = error.statusCode === 401;
  }

  console.log('RESULT ' + JSON.stringify({
    appId: app.id, userId: me.id, maxCharacters: instance.configuration.statuses.maxCharacters,
    imageId: image.id, imageUrl: image.url, videoId: video.id, videoUrl: video.url,
    firstId: first.id, againId: again.id, replyId: reply.id, replyTo: reply.inReplyToId, firstUrl: first.url,
    visibility: first.visibility, revoked,
  }));
}

main().catch(error => {
  // MastoHttpError carries the status and Mastodon's error; print them, never the request headers
  console.error('masto.js run failed:', error.statusCode || '', error.message);
  process.exit(1);
});
