package dev.outpost.ports.platform.fake;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.PostOption;
import dev.outpost.domain.post.TextLimit;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.Rulebook;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The Mastodon-shaped plugin's rules: each server's own limits, asked once and cached until forgotten. */
final class MastodonShapedRulebook implements Rulebook {
    static final List<PostOption> OPTIONS = List.of(
            PostOption.choice("visibility", "Visibility", "Who sees the post",
                    List.of("public", "unlisted", "private", "direct")),
            PostOption.text("spoiler", "Content warning", "Shown before the post, which readers open", 500));

    private final MastodonShapedPlatform platform;
    private final Map<String, PlatformRules> cache = new ConcurrentHashMap<>();

    MastodonShapedRulebook(MastodonShapedPlatform platform) {
        this.platform = platform;
    }

    @Override
    public PlatformRules rules(Account account) {
        URI server = account.server();
        if (server == null) {
            return defaults();
        }
        PlatformRules cached = cache.get(server.getHost());
        if (cached != null) {
            return cached;
        }
        try {
            PlatformRules rules = rules("Fake Mastodon (" + server.getHost() + ")", platform.instance(server));
            cache.put(server.getHost(), rules);
            return rules;
        } catch (PlatformException e) {
            // The server cannot be asked now: stock limits, asked again next time.
            return defaults();
        }
    }

    @Override
    public PlatformRules defaults() {
        return rules("Fake Mastodon", MastodonShapedPlatform.Limits.STOCK);
    }

    @Override
    public void forget(Account account) {
        if (account.server() != null) {
            cache.remove(account.server().getHost());
        }
    }

    private static PlatformRules rules(String name, MastodonShapedPlatform.Limits limits) {
        return new PlatformRules(name, List.of(new TextLimit("characters",
                MastodonShapedPlatform.measure(limits.charactersPerUrl()), limits.maxCharacters())
                .countingAlso("spoiler")),
                List.of(Map.of(MediaKind.IMAGE, limits.maxMedia()), Map.of(MediaKind.VIDEO, 1),
                        Map.of(MediaKind.GIF, 1)),
                Map.of(MediaKind.IMAGE, limits.imageBytes(), MediaKind.GIF, limits.imageBytes(), MediaKind.VIDEO,
                        limits.videoBytes()),
                Set.of(MediaType.JPEG, MediaType.PNG, MediaType.WEBP, MediaType.GIF, MediaType.MP4, MediaType.MOV,
                        MediaType.WEBM), limits.descriptionLimit(), OPTIONS);
    }
}
