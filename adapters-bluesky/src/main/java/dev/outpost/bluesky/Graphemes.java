package dev.outpost.bluesky;

import com.ibm.icu.text.BreakIterator;
import dev.outpost.domain.post.TextMeasure;

/**
 * Counts graphemes as Bluesky does (its lexicons' {@code maxGraphemes}): extended grapheme clusters of current
 * Unicode, by ICU, so that a family emoji or a flag is one, as people see it. The JDK's own iterator lags Unicode.
 */
final class Graphemes implements TextMeasure {
    static final Graphemes MEASURE = new Graphemes();

    private Graphemes() {
    }

    @Override
    public int weightedLength(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int simple = TextMeasure.graphemesBelowCombiningMarks(text);
        if (simple >= 0) {
            return simple;
        }
        return segmented(text);
    }

    /** The count by ICU's segmenter, whatever the text. */
    static int segmented(String text) {
        // A BreakIterator keeps its position: one per call, never shared between threads.
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        int count = 0;
        while (it.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }
}
