package dev.outpost.x;

import com.twitter.twittertext.TwitterTextParser;
import dev.outpost.domain.post.TextMeasure;
import java.text.Normalizer;

/**
 * X's weighted length, by twitter-text's v3 rules: after NFC normalisation, code points in the Latin and general
 * punctuation ranges weigh 1, everything else (CJK, most symbols) 2, an emoji sequence 2, and every URL 23.
 */
final class XTextMeasure implements TextMeasure {
    @Override
    public int weightedLength(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFC);
        return TwitterTextParser.parseTweet(normalized, TwitterTextParser.TWITTER_TEXT_DEFAULT_CONFIG).weightedLength;
    }
}
