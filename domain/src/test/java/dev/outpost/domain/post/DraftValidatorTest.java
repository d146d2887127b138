package dev.outpost.domain.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.media.FileFingerprint;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DraftValidatorTest {
    private static final long MB = 1L << 20;
    private static final Set<MediaType> MOST_TYPES = Set.of(MediaType.JPEG, MediaType.PNG, MediaType.WEBP,
            MediaType.GIF, MediaType.MP4, MediaType.MOV);
    /** Rules shaped like X's; WebM is left out so one accepted-by-sniffing type is refused by the platform. */
    private static final PlatformRules ONE_KIND_A_POST = new PlatformRules("Example",
            List.of(new TextLimit("characters", TextMeasure.CODE_POINTS, 280)),
            List.of(Map.of(MediaKind.IMAGE, 4), Map.of(MediaKind.GIF, 1), Map.of(MediaKind.VIDEO, 1)),
            Map.of(MediaKind.IMAGE, 5 * MB, MediaKind.GIF, 15 * MB, MediaKind.VIDEO, 512 * MB), MOST_TYPES, 1000,
            List.of());
    private static final Instant NOW = Instant.parse("2030-06-01T10:00:00Z");
    private static final DraftValidator VALIDATOR = new DraftValidator(ONE_KIND_A_POST);

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
    void textOverTheLimitNamesThePlatformItsUnitAndItsNumbers() {
        Violation violation = only(Draft.of("y".repeat(281), List.of()));

        assertThat(violation).isEqualTo(new Violation.TextTooLong("Example", "characters", 281, 280));
        assertThat(violation.field()).isEqualTo("text");
        assertThat(violation.message())
                .isEqualTo("Example: the text counts 281 characters, over the limit of 280 by 1; shorten it");
    }

    @Test
    void theLengthComesFromTheLimitsMeasure() {
        TextMeasure doubled = text -> 2 * text.codePointCount(0, text.length());
        DraftValidator validator = new DraftValidator(rules(List.of(new TextLimit("weighted characters", doubled,
                280))));

        assertThat(validator.validate(Draft.of("y".repeat(141), List.of()), NOW))
                .containsExactly(new Violation.TextTooLong("Example", "weighted characters", 282, 280));
        assertThat(validator.validate(Draft.of("y".repeat(140), List.of()), NOW)).isEmpty();
    }

    @Test
    void everyTextLimitIsCheckedAndTheFirstIsPrimary() {
        // Graphemes and UTF-8 bytes, as a platform may limit both.
        TextLimit graphemes = new TextLimit("graphemes", TextMeasure.CODE_POINTS, 300);
        TextLimit bytes = new TextLimit("bytes", TextMeasure.UTF8_BYTES, 3000);
        DraftValidator validator = new DraftValidator(rules(List.of(graphemes, bytes)));
        String threeBytesEach = "\u20ac";

        assertThat(validator.validate(Draft.of(threeBytesEach.repeat(300), List.of()), NOW)).isEmpty();
        assertThat(validator.validate(Draft.of(threeBytesEach.repeat(1001), List.of()), NOW)).containsExactly(
                new Violation.TextTooLong("Example", "graphemes", 1001, 300),
                new Violation.TextTooLong("Example", "bytes", 3003, 3000));
        assertThat(rules(List.of(graphemes, bytes)).primaryTextLimit()).isEqualTo(graphemes);
    }

    @Test
    void fiveImages() {
        List<MediaAttachment> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(attach(i + ".jpg", MediaType.JPEG, MB, null));
        }

        Violation violation = only(Draft.of("five", five));

        assertThat(violation).isEqualTo(new Violation.TooManyMedia("Example", MediaKind.IMAGE, 5, 4));
        assertThat(violation.field()).isEqualTo("media");
        assertThat(violation.message()).isEqualTo("Example: 5 images attached, at most 4 allowed; remove 1");
    }

    @Test
    void aVideoWithAnImageFitsNoCombination() {
        Violation violation = only(Draft.of("mixed", List.of(attach("a.jpg", MediaType.JPEG, MB, null),
                attach("v.mp4", MediaType.MP4, MB, null))));

        assertThat(violation).isEqualTo(new Violation.MixedMedia("Example", "up to 4 images, or 1 GIF, or 1 video"));
        assertThat(violation.field()).isEqualTo("media");
        assertThat(violation.message())
                .isEqualTo("Example takes up to 4 images, or 1 GIF, or 1 video in one post; remove what does not fit");
    }

    @Test
    void aCombinationMayMixKinds() {
        PlatformRules mixing = new PlatformRules("Mixer", List.of(new TextLimit("characters",
                TextMeasure.CODE_POINTS, 500)), List.of(Map.of(MediaKind.IMAGE, 2, MediaKind.VIDEO, 1)),
                Map.of(MediaKind.IMAGE, 5 * MB, MediaKind.VIDEO, 50 * MB), MOST_TYPES, 1500, List.of());
        DraftValidator validator = new DraftValidator(mixing);
        MediaAttachment image = attach("a.jpg", MediaType.JPEG, MB, null);
        MediaAttachment video = attach("v.mp4", MediaType.MP4, MB, null);

        assertThat(validator.validate(Draft.of("", List.of(image, image, video)), NOW)).isEmpty();
        assertThat(validator.validate(Draft.of("", List.of(image, image, image, video)), NOW))
                .containsExactly(new Violation.TooManyMedia("Mixer", MediaKind.IMAGE, 3, 2));
        assertThat(mixing.describeCombinations()).isEqualTo("up to 2 images and 1 video");
    }

    @Test
    void aKindNoCombinationHasIsNotTaken() {
        PlatformRules imagesOnly = new PlatformRules("Stills", List.of(new TextLimit("characters",
                TextMeasure.CODE_POINTS, 500)), List.of(Map.of(MediaKind.IMAGE, 4)), Map.of(MediaKind.IMAGE, 5 * MB),
                MOST_TYPES, 1500, List.of());

        List<Violation> violations = new DraftValidator(imagesOnly).validate(Draft.of("", List.of(
                attach("loop.gif", MediaType.GIF, MB, null))), NOW);

        assertThat(violations).contains(new Violation.TooManyMedia("Stills", MediaKind.GIF, 1, 0));
        assertThat(violations.stream().filter(v -> v instanceof Violation.TooManyMedia).findFirst().orElseThrow()
                .message()).startsWith("Stills does not take GIF").endsWith("; remove it");
        assertThat(imagesOnly.maxMedia(MediaKind.VIDEO)).isZero();
        assertThat(imagesOnly.maxBytes(MediaKind.VIDEO)).isZero();
    }

    @Test
    void twoVideos() {
        assertThat(only(Draft.of("two", List.of(attach("v1.mp4", MediaType.MP4, MB, null),
                attach("v2.mov", MediaType.MOV, MB, null)))))
                .isEqualTo(new Violation.TooManyMedia("Example", MediaKind.VIDEO, 2, 1));
    }

    @Test
    void anImageOverItsCap() {
        Violation violation = only(Draft.of("big", List.of(attach("ok.jpg", MediaType.JPEG, MB, null),
                attach("big.png", MediaType.PNG, 5 * MB + 1, null))));

        assertThat(violation).isEqualTo(new Violation.MediaTooLarge("Example", 1, "big.png", MediaKind.IMAGE,
                5 * MB + 1, 5 * MB));
        assertThat(violation.field()).isEqualTo("media[1]");
        assertThat(violation.message()).contains("big.png").contains("over Example's 5 MiB limit");
    }

    @Test
    void aGifOverItsCap() {
        assertThat(only(Draft.of("gif", List.of(attach("loop.gif", MediaType.GIF, 15 * MB + 1, null)))))
                .isEqualTo(new Violation.MediaTooLarge("Example", 0, "loop.gif", MediaKind.GIF, 15 * MB + 1,
                        15 * MB));
    }

    @Test
    void aVideoOverItsCap() {
        Violation violation = only(Draft.of("video", List.of(attach("long.mp4", MediaType.MP4, 512 * MB + 1,
                null))));

        assertThat(violation).isEqualTo(new Violation.MediaTooLarge("Example", 0, "long.mp4", MediaKind.VIDEO,
                512 * MB + 1, 512 * MB));
        assertThat(violation.message())
                .isEqualTo("long.mp4 is 512.0 MiB, over Example's 512 MiB limit for a video; compress or trim it");
    }

    @Test
    void anUnsupportedTypeNamesThePlatform() {
        Violation violation = only(Draft.of("webm", List.of(attach("clip.webm", MediaType.WEBM, MB, null))));

        assertThat(violation).isEqualTo(new Violation.UnsupportedMediaType("Example", 0, "clip.webm",
                MediaType.WEBM));
        assertThat(violation.message()).isEqualTo("clip.webm is video/webm, which Example does not accept");
    }

    @Test
    void altTextOverTheLimit() {
        Violation violation = only(Draft.of("alt", List.of(attach("a.jpg", MediaType.JPEG, MB, "z".repeat(1001)))));

        assertThat(violation).isEqualTo(new Violation.AltTextTooLong("Example", 0, "a.jpg", 1001, 1000));
        assertThat(violation.field()).isEqualTo("media[0].alt");
        assertThat(violation.message()).contains("1001").contains("Example's limit of 1000");
    }

    @Test
    void altTextCountsCharactersNotUtf16Units() {
        // 1000 emoji are 2000 UTF-16 units but 1000 characters.
        String emoji = "\uD83D\uDE00".repeat(1000);

        assertThat(VALIDATOR.validate(Draft.of("", List.of(attach("a.jpg", MediaType.JPEG, MB, emoji))), NOW))
                .isEmpty();
    }

    @Test
    void optionsAreCheckedAgainstThePlatformsOptions() {
        PostOption visibility = PostOption.choice("visibility", "Visibility", "Who sees the post",
                List.of("public", "unlisted", "private"));
        PostOption warning = PostOption.text("spoiler", "Content warning", null, 10);
        DraftValidator validator = new DraftValidator(new PlatformRules("Optioned", List.of(new TextLimit(
                "characters", TextMeasure.CODE_POINTS, 500)), List.of(), Map.of(), Set.of(), 0,
                List.of(visibility, warning)));
        Map<String, String> options = new HashMap<>();
        options.put("visibility", "secret");
        options.put("spoiler", "s".repeat(11));
        options.put("langs", "en");

        List<Violation> violations = validator.validate(new Draft("hi", List.of(), null, null, options), NOW);

        assertThat(violations).containsExactly(
                new Violation.InvalidOption("Optioned", null, "langs", "en"),
                new Violation.InvalidOption("Optioned", warning, "spoiler", "s".repeat(11)),
                new Violation.InvalidOption("Optioned", visibility, "visibility", "secret"));
        assertThat(violations).extracting(Violation::field)
                .containsExactly("options.langs", "options.spoiler", "options.visibility");
        assertThat(violations).extracting(Violation::message).containsExactly(
                "Optioned has no option 'langs'",
                "Content warning is longer than Optioned's 10 characters",
                "Visibility must be one of public, unlisted, private on Optioned, not 'secret'");
        assertThat(validator.validate(new Draft("hi", List.of(), null, null, Map.of("visibility", "unlisted",
                "spoiler", "s".repeat(10))), NOW)).isEmpty();
    }

    @Test
    void aLimitMayCountTextOptionsTogetherWithTheText() {
        PostOption summary = PostOption.text("summary", "Summary line", null, 100);
        PostOption lang = PostOption.text("lang", "Language", null, 10);
        TextLimit together = new TextLimit("characters", TextMeasure.CODE_POINTS, 500).countingAlso("summary");
        DraftValidator validator = new DraftValidator(new PlatformRules("Counted", List.of(together), List.of(),
                Map.of(), Set.of(), 0, List.of(summary, lang)));

        List<Violation> violations = validator.validate(new Draft("t".repeat(480), List.of(), null, null,
                Map.of("summary", "s".repeat(30), "lang", "en")), NOW);

        assertThat(violations).containsExactly(new Violation.TextTooLong("Counted", "characters", 510, 500,
                List.of("Summary line")));
        assertThat(violations.get(0).field()).isEqualTo("text");
        assertThat(violations.get(0).message()).isEqualTo("Counted: the text and the summary line count 510 "
                + "characters together, over the limit of 500 by 10; shorten them");
        assertThat(validator.validate(new Draft("t".repeat(470), List.of(), null, null,
                Map.of("summary", "s".repeat(30), "lang", "a-long-language")), NOW))
                .as("only the counted option adds; the other is checked on its own").extracting(Violation::field)
                .containsExactly("options.lang");
        assertThat(validator.validate(Draft.of("t".repeat(501), List.of()), NOW))
                .containsExactly(new Violation.TextTooLong("Counted", "characters", 501, 500));
        assertThat(together.count("abc", Map.of("summary", "de", "lang", "fgh"))).isEqualTo(5);
        assertThat(together.countedIn(Map.of("lang", "en"))).isEmpty();
    }

    @Test
    void aCountedOptionMustBeDeclaredAndCountedOnce() {
        TextLimit limit = new TextLimit("characters", TextMeasure.CODE_POINTS, 500).countingAlso("summary");

        assertThatThrownBy(() -> rules(List.of(limit))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'summary'");
        assertThatThrownBy(() -> limit.countingAlso("summary")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counted once");
    }

    @Test
    void anOptionOnAPlatformWithoutOptions() {
        assertThat(only(new Draft("hi", List.of(), null, null, Map.of("visibility", "public"))))
                .isEqualTo(new Violation.InvalidOption("Example", null, "visibility", "public"));
    }

    @Test
    void aPlatformWithoutMediaRefusesAnyAttachment() {
        DraftValidator textOnly = new DraftValidator(new PlatformRules("Words", List.of(new TextLimit("characters",
                TextMeasure.CODE_POINTS, 500)), List.of(), Map.of(), Set.of(), 0, List.of()));

        List<Violation> violations = textOnly.validate(Draft.of("", List.of(attach("a.jpg", MediaType.JPEG, MB,
                null))), NOW);

        assertThat(violations).contains(new Violation.UnsupportedMediaType("Words", 0, "a.jpg", MediaType.JPEG),
                new Violation.TooManyMedia("Words", MediaKind.IMAGE, 1, 0));
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
        Draft draft = new Draft("y".repeat(300), media, null, NOW.minusSeconds(60), Map.of("nope", "x"));

        List<Violation> violations = VALIDATOR.validate(draft, NOW);

        assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder("text", "media[1]",
                "media[1].alt", "media", "options.nope", "scheduledAt");
        assertThat(violations).hasAtLeastOneElementOfType(Violation.TextTooLong.class)
                .hasAtLeastOneElementOfType(Violation.MediaTooLarge.class)
                .hasAtLeastOneElementOfType(Violation.AltTextTooLong.class)
                .hasAtLeastOneElementOfType(Violation.InvalidOption.class)
                .hasAtLeastOneElementOfType(Violation.ScheduleInPast.class)
                .contains(new Violation.TooManyMedia("Example", MediaKind.IMAGE, 5, 4));
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }

    @Test
    void rulesAndLimitsValidateThemselves() {
        assertThatThrownBy(() -> rules(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text limit");
        assertThatThrownBy(() -> new TextLimit("characters", TextMeasure.CODE_POINTS, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostOption.text("Bad Key", "x", null, 5)).isInstanceOf(
                IllegalArgumentException.class);
        assertThat(ONE_KIND_A_POST.admits(Map.of())).isTrue();
        assertThat(ONE_KIND_A_POST.admits(Map.of(MediaKind.IMAGE, 0, MediaKind.VIDEO, 1))).isTrue();
    }

    @Test
    void aDraftKeepsItsReplyAndOptionsTidy() {
        Map<String, String> options = new HashMap<>(Map.of("b", "2", "a", "1"));
        Draft draft = new Draft("t", List.of(), "  https://example.social/@a/1  ", null, options);
        options.put("c", "3");

        assertThat(draft.replyTo()).isEqualTo("https://example.social/@a/1");
        assertThat(draft.options()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(new Draft("t", List.of(), " ", null).replyTo()).isNull();
        assertThat(new Draft(null, List.of(), null, null, null).options()).isEmpty();
    }

    private static PlatformRules rules(List<TextLimit> limits) {
        return new PlatformRules("Example", limits, ONE_KIND_A_POST.mediaCombinations(),
                ONE_KIND_A_POST.maxBytesPerKind(), MOST_TYPES, 1000, List.of());
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
