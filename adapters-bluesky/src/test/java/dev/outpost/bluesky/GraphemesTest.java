package dev.outpost.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Bluesky's count of graphemes: ICU's extended clusters, with Latin text counted without loading ICU's rules. */
class GraphemesTest {

    @Property(tries = 2000)
    void latinTextCountsAsIcuCountsIt(@ForAll @CharRange(from = '\u0000', to = '\u02ff') @Chars({'\r', '\n'})
            @StringLength(max = 60) String text) {
        assertThat(Graphemes.MEASURE.weightedLength(text)).isEqualTo(Graphemes.segmented(text));
    }

    @Property(tries = 2000)
    void anyTextCountsAsIcuCountsIt(@ForAll @CharRange(from = '\u0000', to = '\u1fff') @Chars({'\r', '\n',
            '\u200d', '\u0301', '\ud83d', '\udc4d', '\ud83c', '\udffd'}) @StringLength(max = 40) String text) {
        assertThat(Graphemes.MEASURE.weightedLength(text)).isEqualTo(Graphemes.segmented(text));
    }

    @Test
    void clustersPeopleSeeAsOneCountOnce() {
        assertThat(Graphemes.MEASURE.weightedLength("e\u0301")).isEqualTo(1);
        assertThat(Graphemes.MEASURE.weightedLength("\ud83d\udc4d\ud83c\udffd")).isEqualTo(1); // thumbs up, skin tone
        assertThat(Graphemes.MEASURE.weightedLength("\ud83c\uddeb\ud83c\uddf7")).isEqualTo(1); // a flag
        assertThat(Graphemes.MEASURE.weightedLength("a\r\nb")).isEqualTo(3);
        assertThat(Graphemes.MEASURE.weightedLength("caf\u00e9 \u00fcber")).isEqualTo(9);
    }
}
