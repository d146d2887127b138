package dev.outpost.ports.platform.fake;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.PostOption;
import dev.outpost.domain.post.TextLimit;
import dev.outpost.domain.post.TextMeasure;
import dev.outpost.ports.platform.Rulebook;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Bluesky-shaped plugin's rules, the same for every account: 300 graphemes and 3,000 bytes, 4 images or 1 video. */
final class BlueskyShapedRulebook implements Rulebook {
    static final PlatformRules RULES = new PlatformRules("Fake Bluesky",
            List.of(new TextLimit("graphemes", BlueskyShapedPlatform.GRAPHEMES, 300),
                    new TextLimit("bytes", TextMeasure.UTF8_BYTES, 3000)),
            List.of(Map.of(MediaKind.IMAGE, 4), Map.of(MediaKind.VIDEO, 1)),
            Map.of(MediaKind.IMAGE, BlueskyShapedPlatform.IMAGE_LIMIT, MediaKind.VIDEO,
                    BlueskyShapedPlatform.BLOB_LIMIT),
            Set.of(MediaType.JPEG, MediaType.PNG, MediaType.WEBP, MediaType.MP4), 2000,
            List.of(PostOption.text("langs", "Languages", "Up to three language codes, such as en,fr", 20)));

    @Override
    public PlatformRules rules(Account account) {
        return RULES;
    }

    @Override
    public PlatformRules defaults() {
        return RULES;
    }
}
