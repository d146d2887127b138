package dev.outpost.application;

import dev.outpost.domain.post.PublishIntent;
import dev.outpost.ports.platform.PublishedPost;
import java.util.HashSet;
import java.util.regex.Pattern;

/** Whether a post found on the platform is the one an intent describes. */
final class Reconciliation {
    /** Platforms append links to attached media at the end of the text (X adds a t.co link). */
    private static final Pattern TRAILING_LINKS = Pattern.compile("(\\s+https?://\\S+)+\\s*$");

    private Reconciliation() {
    }

    static boolean matches(PublishIntent intent, PublishedPost post) {
        boolean text = intent.matchesText(post.text())
                || intent.matchesText(TRAILING_LINKS.matcher(post.text()).replaceFirst(""))
                || (intent.mediaIds().size() > 0 && post.text().matches("\\s*https?://\\S+\\s*")
                        && intent.matchesText(""));
        if (!text) {
            return false;
        }
        if (post.mediaIds().isEmpty()) {
            // Some platforms do not say which media a post carries: the text must do.
            return true;
        }
        return new HashSet<>(intent.mediaIds()).equals(new HashSet<>(post.mediaIds()));
    }
}
