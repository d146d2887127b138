package dev.outpost.application;

import dev.outpost.domain.post.PublishIntent;
import dev.outpost.ports.platform.PublishedPost;
import java.util.HashSet;

/** Whether a post found on the platform is the one an intent describes. */
final class Reconciliation {
    private Reconciliation() {
    }

    static boolean matches(PublishIntent intent, PublishedPost post) {
        if (!intent.matchesText(post.text())) {
            return false;
        }
        if (post.mediaIds().isEmpty()) {
            // Some platforms do not say which media a post carries: the text must do.
            return true;
        }
        return new HashSet<>(intent.mediaIds()).equals(new HashSet<>(post.mediaIds()));
    }
}
