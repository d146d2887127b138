package dev.outpost.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.PostOption;
import dev.outpost.domain.post.TextLimit;
import dev.outpost.ports.platform.PlatformVault;
import dev.outpost.ports.platform.Rulebook;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each server's own limits, read from its {@code GET /api/v2/instance} and kept for a while per server: the text
 * limit (URLs counted as the server says), attachments per status, image and video caps, the types it takes, the
 * alt-text length, and the post options (visibility, content warning, sensitive media, language). What a server said
 * is also kept in the plugin's vault, so that the next command (each is a new process) does not ask again before it
 * posts: one round trip less per post. A server that cannot be asked gets a stock server's limits, asked again next
 * time. Thread-safe.
 */
final class MastodonRulebook implements Rulebook {
    static final String VISIBILITY = "visibility";
    static final String CONTENT_WARNING = "content-warning";
    static final String SENSITIVE = "sensitive";
    static final String LANGUAGE = "language";
    static final List<String> VISIBILITIES = List.of("public", "unlisted", "private", "direct");
    private static final Logger LOG = LoggerFactory.getLogger(MastodonRulebook.class);
    private static final List<String> LANGUAGES = Arrays.stream(Locale.getISOLanguages()).sorted().toList();

    /** A stock Mastodon 4.x server (FACTS §2). */
    static final Limits STOCK = new Limits(500, 4, 23, 16L << 20, 99L << 20, 1500, EnumSet.allOf(MediaType.class));

    /** What {@code configuration} says. */
    record Limits(int maxCharacters, int maxMedia, int charactersPerUrl, long imageBytes, long videoBytes,
            int descriptionLimit, Set<MediaType> types) {
    }

    private record Cached(PlatformRules rules, Instant readAt) {
    }

    private static final String VAULT_KEY = "limits ";

    private final MastodonFeign feign;
    private final Clock clock;
    private final PlatformVault vault;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    MastodonRulebook(MastodonFeign feign, Clock clock, PlatformVault vault) {
        this.feign = feign;
        this.clock = clock;
        this.vault = vault;
    }

    @Override
    public PlatformRules rules(Account account) {
        URI server = account.server();
        if (server == null) {
            return defaults();
        }
        String name = ServerAddress.name(server);
        Instant now = clock.instant();
        Cached cached = cache.computeIfAbsent(name, this::stored);
        if (cached != null && !cached.readAt().isAfter(now)
                && now.isBefore(cached.readAt().plus(feign.settings().instanceTtl()))) {
            return cached.rules();
        }
        try {
            JsonNode instance = MastodonErrorDecoder.call(() -> feign.api().instance(server));
            PlatformRules rules = rules("Mastodon (" + name + ")", limits(instance));
            cache.put(name, new Cached(rules, now));
            store(name, instance, now);
            return rules;
        } catch (RuntimeException e) {
            // Not cached: the server is asked again next time.
            LOG.debug("could not read the limits of {}: {}", name, e.getMessage());
            return cached != null ? cached.rules() : rules("Mastodon (" + name + ")", STOCK);
        }
    }

    @Override
    public PlatformRules defaults() {
        return rules("Mastodon", STOCK);
    }

    @Override
    public void forget(Account account) {
        if (account.server() != null) {
            forget(account.server());
        }
    }

    void forget(URI server) {
        String name = ServerAddress.name(server);
        cache.remove(name);
        try {
            vault.delete(VAULT_KEY + name);
        } catch (RuntimeException e) {
            LOG.debug("could not forget the stored limits of {}: {}", name, e.getMessage());
        }
    }

    /** What the vault keeps of a server's answer: when it was read, and its configuration (a few hundred bytes). */
    private void store(String name, JsonNode instance, Instant readAt) {
        ObjectNode kept = MastodonJson.MAPPER.createObjectNode();
        kept.put("read_at", readAt.toString());
        kept.set("configuration", instance.path("configuration"));
        try {
            vault.put(VAULT_KEY + name, MastodonJson.MAPPER.writeValueAsString(kept));
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not keep the limits of {}: {}", name, e.getMessage());
        }
    }

    /** The limits another command kept, or null when there are none or they cannot be read (then: ask). */
    private Cached stored(String name) {
        try {
            Optional<String> kept = vault.get(VAULT_KEY + name);
            if (kept.isEmpty()) {
                return null;
            }
            JsonNode node = MastodonJson.MAPPER.readTree(kept.get());
            Instant readAt = Instant.parse(node.path("read_at").asText());
            return new Cached(rules("Mastodon (" + name + ")", limits(node)), readAt);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not read the kept limits of {}: {}", name, e.getMessage());
            return null;
        }
    }

    static Limits limits(JsonNode instance) {
        JsonNode statuses = instance.path("configuration").path("statuses");
        JsonNode media = instance.path("configuration").path("media_attachments");
        Set<MediaType> types = EnumSet.allOf(MediaType.class);
        if (media.path("supported_mime_types").isArray()) {
            Set<String> named = new HashSet<>();
            media.path("supported_mime_types").forEach(t -> named.add(t.asText().toLowerCase(Locale.ROOT)));
            types.removeIf(t -> !named.contains(t.mimeType()));
        }
        return new Limits(positive(statuses, "max_characters", STOCK.maxCharacters()),
                positive(statuses, "max_media_attachments", STOCK.maxMedia()),
                statuses.path("characters_reserved_per_url").asInt(STOCK.charactersPerUrl()),
                positiveLong(media, "image_size_limit", STOCK.imageBytes()),
                positiveLong(media, "video_size_limit", STOCK.videoBytes()),
                positive(media, "description_limit", STOCK.descriptionLimit()), types);
    }

    static PlatformRules rules(String name, Limits limits) {
        List<PostOption> options = List.of(
                PostOption.choice(VISIBILITY, "Visibility", "Who sees the post: everyone (public), everyone but "
                        + "not in public timelines (unlisted), followers only (private), or the people it mentions "
                        + "(direct)", VISIBILITIES),
                PostOption.text(CONTENT_WARNING, "Content warning", "Shown instead of the post until readers open "
                        + "it; it counts towards the character limit", limits.maxCharacters()),
                PostOption.choice(SENSITIVE, "Sensitive media", "Hide the media behind a warning",
                        List.of("true", "false")),
                PostOption.choice(LANGUAGE, "Language", "The post's language, as an ISO 639 code such as en",
                        LANGUAGES));
        // A GIF is uploaded as an image (the image cap) and becomes a video: one, alone.
        return new PlatformRules(name,
                // The server counts the content warning and the text together against max_characters.
                List.of(new TextLimit("characters", new MastodonTextMeasure(limits.charactersPerUrl()),
                        limits.maxCharacters()).countingAlso(CONTENT_WARNING)),
                List.of(Map.of(MediaKind.IMAGE, limits.maxMedia()), Map.of(MediaKind.VIDEO, 1),
                        Map.of(MediaKind.GIF, 1)),
                Map.of(MediaKind.IMAGE, limits.imageBytes(), MediaKind.GIF, limits.imageBytes(), MediaKind.VIDEO,
                        limits.videoBytes()),
                limits.types(), limits.descriptionLimit(), options);
    }

    private static int positive(JsonNode node, String field, int fallback) {
        int value = node.path(field).asInt(fallback);
        return value > 0 ? value : fallback;
    }

    private static long positiveLong(JsonNode node, String field, long fallback) {
        long value = node.path(field).asLong(fallback);
        return value > 0 ? value : fallback;
    }
}
