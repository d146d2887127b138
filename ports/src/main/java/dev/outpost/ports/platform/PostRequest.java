package dev.outpost.ports.platform;

import java.util.List;
import java.util.Objects;

/**
 * A post as sent to the platform.
 *
 * @param text the text, possibly empty when media is attached
 * @param mediaIds processed media ids, in order
 * @param replyToPostId the post this answers, or null
 */
public record PostRequest(String text, List<String> mediaIds, String replyToPostId) {
    public PostRequest {
        Objects.requireNonNull(text, "text");
        mediaIds = List.copyOf(mediaIds);
    }
}
