package dev.outpost.mastodon;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A 2xx answer whose status matters as much as its body: 200 (ready) or 202 (processing) for an upload, 206
 * (processing) or 200 (ready) for a poll of media.
 */
record Answered(int status, JsonNode body) {
}
