package dev.outpost.mastodon;

import com.ibm.icu.text.BreakIterator;
import dev.outpost.domain.post.TextMeasure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a Mastodon server counts a status (its StatusLengthValidator): grapheme clusters, except that every URL counts
 * as {@code characters_reserved_per_url} whatever its length, and a mention of a remote account
 * {@code @user@domain} counts as {@code @user}. Pure and thread-safe.
 */
final class MastodonTextMeasure implements TextMeasure {
    /** URLs with a scheme, as Mastodon links them; trailing punctuation is not part of the link. */
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"]*[^\\s<>\".,;:!?)\\]'”’]");
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_/])(@[A-Za-z0-9_]+(?:[.-]+[A-Za-z0-9_]+)*)"
            + "@[\\p{L}\\p{N}.-]+\\.[\\p{L}\\p{N}-]+");

    private final int charactersPerUrl;

    MastodonTextMeasure(int charactersPerUrl) {
        if (charactersPerUrl < 0) {
            throw new IllegalArgumentException("characters per URL must not be negative");
        }
        this.charactersPerUrl = charactersPerUrl;
    }

    @Override
    public int weightedLength(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        Matcher urls = URL.matcher(text);
        StringBuilder rest = new StringBuilder();
        int count = 0;
        while (urls.find()) {
            count++;
            urls.appendReplacement(rest, "");
        }
        urls.appendTail(rest);
        return graphemes(MENTION.matcher(rest).replaceAll("$1")) + count * charactersPerUrl;
    }

    static int graphemes(String text) {
        int simple = TextMeasure.graphemesBelowCombiningMarks(text);
        if (simple >= 0) {
            return simple;
        }
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        int n = 0;
        while (it.next() != BreakIterator.DONE) {
            n++;
        }
        return n;
    }

    @Override
    public String toString() {
        return "MastodonTextMeasure[url=" + charactersPerUrl + "]";
    }
}
