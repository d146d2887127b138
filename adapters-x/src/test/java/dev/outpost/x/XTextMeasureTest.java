package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.post.DraftValidator;
import org.junit.jupiter.api.Test;

/** X's weighted length, by twitter-text's v3 configuration. */
class XTextMeasureTest {
    private final XTextMeasure measure = new XTextMeasure();

    @Test
    void latinCountsOnePerCharacter() {
        assertThat(measure.weightedLength("Hello, world")).isEqualTo(12);
        assertThat(measure.weightedLength("")).isZero();
        assertThat(measure.weightedLength(null)).isZero();
    }

    @Test
    void everyUrlCounts23WhateverItsLength() {
        assertThat(measure.weightedLength("https://example.com")).isEqualTo(23);
        assertThat(measure.weightedLength("see https://example.com/a/very/long/path/that/goes/on/and/on?q=1"))
                .isEqualTo(4 + 23);
        assertThat(measure.weightedLength("x.com")).as("a bare domain is a URL too").isEqualTo(23);
    }

    @Test
    void emojiCountTwoEvenAsSequences() {
        assertThat(measure.weightedLength("😀")).isEqualTo(2);
        assertThat(measure.weightedLength("👍🏽")).as("with a skin tone").isEqualTo(2);
        assertThat(measure.weightedLength("👨‍👩‍👧‍👦")).as("a ZWJ family").isEqualTo(2);
    }

    @Test
    void cjkCountsTwo() {
        assertThat(measure.weightedLength("日本語")).isEqualTo(6);
        assertThat(measure.weightedLength("한국어")).isEqualTo(6);
    }

    @Test
    void textIsNormalizedToNfcFirst() {
        String decomposed = "e\u0301";
        assertThat(measure.weightedLength(decomposed)).isEqualTo(1);
    }

    @Test
    void theLimitIs280Weighted() {
        var rules = new XPlatformPlugin().rulebook(null).defaults();
        assertThat(rules.primaryTextLimit().max()).isEqualTo(280);
        assertThat(rules.primaryTextLimit().unit()).isEqualTo("characters");
        assertThat(rules.primaryTextLimit().measure()).isInstanceOf(XTextMeasure.class);
        assertThat(measure.weightedLength("a".repeat(280))).isEqualTo(280);
        assertThat(measure.weightedLength("語".repeat(140))).isEqualTo(280);
        assertThat(measure.weightedLength("語".repeat(140) + "a")).isEqualTo(281);
        var validator = new DraftValidator(rules);
        assertThat(validator.validate(draft("a".repeat(280)), java.time.Instant.EPOCH)).isEmpty();
        assertThat(validator.validate(draft("a".repeat(256) + " https://example.com"), java.time.Instant.EPOCH))
                .isEmpty();
        assertThat(validator.validate(draft("a".repeat(281)), java.time.Instant.EPOCH)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("X", "281", "280", "characters"));
    }

    private static dev.outpost.domain.post.Draft draft(String text) {
        return new dev.outpost.domain.post.Draft(text, java.util.List.of(), null, null);
    }
}
