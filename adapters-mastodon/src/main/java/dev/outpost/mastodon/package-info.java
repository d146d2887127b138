/**
 * The Mastodon platform plugin: any server, that server's limits, OAuth with PKCE and a client registered once per
 * server, media v2 with processing polls, and statuses that are never doubled (an idempotency key). Its face is
 * {@link dev.outpost.mastodon.MastodonPlatformPlugin}; everything else is package-private.
 */
package dev.outpost.mastodon;
