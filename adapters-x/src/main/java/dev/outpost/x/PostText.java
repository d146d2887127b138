package dev.outpost.x;

import dev.outpost.domain.post.PublishIntent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whether a post X shows carries the text Outpost sent, as X changes it on the way. Stateless. */
final class PostText {
    private static final Pattern TRAILING_LINK = Pattern.compile("(?:^|\\s)https?://\\S+$");

    private PostText() {
    }

    /**
     * Whether {@code posted}, as X shows it, is {@code sent} once both are normalised as {@link PublishIntent#hash}
     * does. X appends the media's t.co link to the text of a post with media, so trailing links are dropped one at a
     * time until the text matches or none is left; X's API may also show {@code &}, {@code <} and {@code >} as HTML
     * entities.
     */
    static boolean matches(String sent, String posted) {
        String wanted = PublishIntent.hash(sent);
        String raw = posted == null ? "" : posted;
        return matchesHash(wanted, raw) || matchesHash(wanted, unescape(raw));
    }

    private static boolean matchesHash(String wanted, String posted) {
        String candidate = posted.strip();
        while (true) {
            if (wanted.equals(PublishIntent.hash(candidate))) {
                return true;
            }
            Matcher link = TRAILING_LINK.matcher(candidate);
            if (!link.find()) {
                return false;
            }
            candidate = candidate.substring(0, link.start()).strip();
        }
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
