package dev.outpost.domain.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.media.FileFingerprint;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.upload.ChunkPlan;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DraftValidatorTest {
    private static final long MB = 1L << 20;
    /** Rules shaped like X's; WebM is left out so one accepted-by-sniffing type is refused by the platform. */
    private static final PlatformRules X_LIKE = new PlatformRules(280,
            Map.of(MediaKind.IMAGE, 4, MediaKind.GIF, 1, MediaKind.VIDEO, 1), false,
            Map.of(MediaKind.IMAGE, 5 * MB, MediaKind.GIF, 15 * MB, MediaKind.VIDEO, 512 * MB),
            Set.of(MediaType.JPEG, MediaType.PNG, MediaType.WEBP, MediaType.GIF, MediaType.MP4, MediaType.MOV), 1000,
            ChunkPlan.DEFAULT_CHUNK_SIZE);
    private static final Instant NOW = Instant.parse("2030-06-01T10:00:00Z");
    private static final DraftValidator VALIDATOR = new DraftValidator(X_LIKE, TextMeasure.CODE_POINTS);

    @Test
    void aValidDraftHasNoViolations() {
        Draft draft = new Draft("hello", List.of(attach("a.jpg", MediaType.JPEG, 5 * MB, "x".repeat(1000)),
                attach("b.png", MediaType.PNG, 1, null)), null, NOW);

        assertThat(VALIDATOR.validate(draft, NOW)).isEmpty();
        assertThat(VALIDATOR.validate(Draft.of("y".repeat(280), List.of()), NOW)).isEmpty();
        assertThat(VALIDATOR.validate(Draft.of("", List.of(attach("v.mp4", MediaType.MP4, 512 * MB, null))), NOW))
                .isEmpty();
    }

    @Test
    void anEmptyPost() {
        assertThat(only(Draft.of("  \n", List.of()))).isInstanceOf(Violation.EmptyPost.class);
    }

    @Test
    void textOverTheWeightedLimit() {
        Violation violation = only(Draft.of("y".repeat(281), List.of()));

        assertThat(violation).isEqualTo(new Violation.TextTooLong(281, 280));
        assertThat(violation.field()).isEqualTo("text");
        assertThat(violation.message()).contains("281").contains("280");
    }

    @Test
    void theLengthComesFromThePlatformsMeasure() {
        TextMeasure doubled = text -> 2 * text.codePointCount(0, text.length());
        DraftValidator validator = new DraftValidator(X_LIKE, doubled);

        assertThat(validator.validate(Draft.of("y".repeat(141), List.of()), NOW))
                .containsExactly(new Violation.TextTooLong(282, 280));
        assertThat(validator.validate(Draft.of("y".repeat(140), List.of()), NOW)).isEmpty();
    }

    @Test
    void fiveImages() {
        List<MediaAttachment> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(attach(i + ".jpg", MediaType.JPEG, MB, null));
        }

        Violation violation = only(Draft.of("five", five));

        assertThat(violation).isEqualTo(new Violation.TooManyMedia(MediaKind.IMAGE, 5, 4));
        assertThat(violation.field()).isEqualTo("media");
    }

    @Test
    void aVideoWithAnImage() {
        Violation violation = only(Draft.of("mixed", List.of(attach("a.jpg", MediaType.JPEG, MB, null),
                attach("v.mp4", MediaType.MP4, MB, null))));

        assertThat(violation).isInstanceOf(Violation.MixedMedia.class);
        assertThat(violation.field()).isEqualTo("media");
    }

    @Test
    void twoVideos() {
        assertThat(only(Draft.of("two", List.of(attach("v1.mp4", MediaType.MP4, MB, null),
                attach("v2.mov", MediaType.MOV, MB, null))))).isEqualTo(new Violation.TooManyMedia(MediaKind.VIDEO, 2, 1));
    }

    @Test
    void anImageOverFiveMegabytes() {
        Violation violation = only(Draft.of("big", List.of(attach("ok.jpg", MediaType.JPEG, MB, null),
                attach("big.png", MediaType.PNG, 5 * MB + 1, null))));

        assertThat(violation).isEqualTo(new Violation.MediaTooLarge(1, "big.png", MediaKind.IMAGE, 5 * MB + 1, 5 * MB));
        assertThat(violation.field()).isEqualTo("media[1]");
        assertThat(violation.message()).contains("big.png").contains("over the 5 MiB limit");
    }

    @Test
    void aGifOverFifteenMegabytes() {
        assertThat(only(Draft.of("gif", List.of(attach("loop.gif", MediaType.GIF, 15 * MB + 1, null)))))
                .isEqualTo(new Violation.MediaTooLarge(0, "loop.gif", MediaKind.GIF, 15 * MB + 1, 15 * MB));
    }

    @Test
    void aVideoOver512Megabytes() {
        Violation violation = only(Draft.of("video", List.of(attach("long.mp4", MediaType.MP4, 512 * MB + 1, null))));

        assertThat(violation).isEqualTo(new Violation.MediaTooLarge(0, "long.mp4", MediaKind.VIDEO, 512 * MB + 1,
                512 * MB));
        assertThat(violation.message()).contains("long.mp4 is 512.0 MiB, over the 512 MiB limit");
    }

    @Test
    void anUnsupportedType() {
        Violation violation = only(Draft.of("webm", List.of(attach("clip.webm", MediaType.WEBM, MB, null))));

        assertThat(violation).isEqualTo(new Violation.UnsupportedMediaType(0, "clip.webm", MediaType.WEBM));
        assertThat(violation.message()).contains("clip.webm").contains("video/webm");
    }

    @Test
    void altTextOverOneThousandCharacters() {
        Violation violation = only(Draft.of("alt", List.of(attach("a.jpg", MediaType.JPEG, MB, "z".repeat(1001)))));

        assertThat(violation).isEqualTo(new Violation.AltTextTooLong(0, "a.jpg", 1001, 1000));
        assertThat(violation.field()).isEqualTo("media[0].alt");
    }

    @Test
    void altTextCountsCharactersNotUtf16Units() {
        // 1000 emoji are 2000 UTF-16 units but 1000 characters.
        String emoji = "\uD83D\uDE00".repeat(1000);

        assertThat(VALIDATOR.validate(Draft.of("", List.of(attach("a.jpg", MediaType.JPEG, MB, emoji))), NOW))
                .isEmpty();
    }

    @Test
    void aScheduleInThePast() {
        Instant past = NOW.minusSeconds(1);
        Violation violation = only(new Draft("later", List.of(), null, past));

        assertThat(violation).isEqualTo(new Violation.ScheduleInPast(past, NOW));
        assertThat(violation.field()).isEqualTo("scheduledAt");
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        List<MediaAttachment> media = new ArrayList<>(Collections.nCopies(4, attach("ok.jpg", MediaType.JPEG, MB,
                null)));
        media.add(1, attach("huge.jpg", MediaType.JPEG, 6 * MB, "w".repeat(1001)));
        media.add(attach("v.mp4", MediaType.MP4, MB, null));
        Draft draft = new Draft("y".repeat(300), media, null, NOW.minusSeconds(60));

        List<Violation> violations = VALIDATOR.validate(draft, NOW);

        assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder("text", "media[1]",
                "media[1].alt", "media", "media", "scheduledAt");
        assertThat(violations).hasAtLeastOneElementOfType(Violation.TextTooLong.class)
                .hasAtLeastOneElementOfType(Violation.MediaTooLarge.class)
                .hasAtLeastOneElementOfType(Violation.AltTextTooLong.class)
                .hasAtLeastOneElementOfType(Violation.MixedMedia.class)
                .hasAtLeastOneElementOfType(Violation.ScheduleInPast.class)
                .contains(new Violation.TooManyMedia(MediaKind.IMAGE, 5, 4));
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }

    private static Violation only(Draft draft) {
        List<Violation> violations = VALIDATOR.validate(draft, NOW);
        assertThat(violations).hasSize(1);
        return violations.get(0);
    }

    private static MediaAttachment attach(String name, MediaType type, long size, String alt) {
        return new MediaAttachment(new MediaFile(Path.of("/tmp/drafts", name), type,
                new FileFingerprint(size, Instant.EPOCH, "0".repeat(64))), alt);
    }
}
