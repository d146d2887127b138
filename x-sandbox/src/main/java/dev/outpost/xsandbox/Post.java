package dev.outpost.xsandbox;

import java.util.List;

/**
 * A post the sandbox accepted.
 *
 * @param text          the text as X returns it (with a t.co link when media is attached)
 * @param submittedText the text exactly as the client sent it
 */
public record Post(String id, String authorId, String text, String submittedText, List<String> mediaIds,
                   List<String> mediaKeys, String inReplyToTweetId, String createdAt) {
    public Post {
        mediaIds = List.copyOf(mediaIds);
        mediaKeys = List.copyOf(mediaKeys);
    }
}
