package dev.outpost.mastodonsandbox;

/**
 * Media as the sandbox holds it (the bytes themselves are hashed and dropped).
 *
 * @param type Mastodon's type: image, gifv, video
 * @param state processing, ready or failed
 * @param polls how many times {@code GET /api/v1/media/:id} asked about it
 * @param statusId the status it is attached to, or null
 */
public record SandboxMedia(String id, String ownerId, String type, String mimeType, long size, String sha256,
        String description, String focus, String state, int polls, String statusId) {
}
