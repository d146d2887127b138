package dev.outpost.domain.post;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextMeasureTest {

    @Test
    void latinTextIsCountedOneClusterPerCharacterButCrLf() {
        assertThat(TextMeasure.graphemesBelowCombiningMarks("")).isZero();
        assertThat(TextMeasure.graphemesBelowCombiningMarks("Launch day!")).isEqualTo(11);
        assertThat(TextMeasure.graphemesBelowCombiningMarks("caf\u00e9")).isEqualTo(4);
        assertThat(TextMeasure.graphemesBelowCombiningMarks("a\r\nb\n\rc")).isEqualTo(6);
        assertThat(TextMeasure.graphemesBelowCombiningMarks("\r\n\r\n")).isEqualTo(2);
    }

    @Test
    void textThatMayJoinCharactersIsLeftToASegmenter() {
        assertThat(TextMeasure.graphemesBelowCombiningMarks("e\u0301")).isEqualTo(-1);
        assertThat(TextMeasure.graphemesBelowCombiningMarks("ok \ud83d\udc4d")).isEqualTo(-1);
        assertThat(TextMeasure.graphemesBelowCombiningMarks("\u05e9\u05dc\u05d5\u05dd")).isEqualTo(-1);
    }
}
