/** The X platform plugin: OAuth 2.0 with PKCE, one-shot and chunked media upload, posts, through Feign. */
package dev.outpost.x;
