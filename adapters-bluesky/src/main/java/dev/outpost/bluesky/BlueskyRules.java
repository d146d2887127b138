package dev.outpost.bluesky;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.PostOption;
import dev.outpost.domain.post.TextLimit;
import dev.outpost.domain.post.TextMeasure;
import dev.outpost.ports.platform.Rulebook;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * What a Bluesky post may carry (FACTS §3–4), the same for every account: at most 300 graphemes and 3,000 UTF-8 bytes
 * of text; up to 4 images of at most 2,000,000 bytes each, or one MP4 video, never both; alt text in the record.
 * Videos: the video service takes about 100 MB (production's limit); uploaded as a plain blob ({@code none}), the
 * lexicon's cap of 300,000,000 bytes applies and the server's own blob limit answers a 413 above its setting.
 */
final class BlueskyRules implements Rulebook {
    static final int MAX_GRAPHEMES = 300;
    static final int MAX_TEXT_BYTES = 3000;
    static final long MAX_IMAGE_BYTES = 2_000_000;
    static final int MAX_IMAGES = 4;
    static final long MAX_SERVICE_VIDEO_BYTES = 100_000_000;
    static final long MAX_BLOB_VIDEO_BYTES = 300_000_000;
    /** The video embed's alt text is at most 1,000 graphemes; images take more, one cap keeps both valid. */
    static final int MAX_ALT_TEXT = 1000;
    static final List<TextLimit> TEXT_LIMITS = List.of(new TextLimit("graphemes", Graphemes.MEASURE, MAX_GRAPHEMES),
            new TextLimit("bytes", TextMeasure.UTF8_BYTES, MAX_TEXT_BYTES));
    static final PostOption LANGS = PostOption.text("langs", "Languages", "The post's languages as codes, up to "
            + "three, such as en,fr", 20);

    private final PlatformRules rules;

    BlueskyRules(boolean videoService) {
        this.rules = new PlatformRules("Bluesky", TEXT_LIMITS,
                List.of(Map.of(MediaKind.IMAGE, MAX_IMAGES), Map.of(MediaKind.VIDEO, 1)),
                Map.of(MediaKind.IMAGE, MAX_IMAGE_BYTES, MediaKind.VIDEO,
                        videoService ? MAX_SERVICE_VIDEO_BYTES : MAX_BLOB_VIDEO_BYTES),
                EnumSet.of(MediaType.JPEG, MediaType.PNG, MediaType.WEBP, MediaType.MP4), MAX_ALT_TEXT,
                List.of(LANGS));
    }

    @Override
    public PlatformRules rules(Account account) {
        return rules;
    }

    @Override
    public PlatformRules defaults() {
        return rules;
    }
}
