/**
 * The X platform plugin: OAuth 2.0 with PKCE, X's own media protocol (the simple upload for images;
 * INIT/APPEND/FINALIZE/STATUS for videos and GIFs, resumed from the state the core journals), posts and their
 * settlement by reading the account's recent posts, through Feign.
 */
package dev.outpost.x;
