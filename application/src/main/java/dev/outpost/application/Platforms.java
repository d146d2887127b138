package dev.outpost.application;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.DraftValidator;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.PostPublisher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The platforms this run can publish to, by id, each with its authorizer, transport and publisher made once. */
public final class Platforms {
    /** One platform, opened. */
    public record Platform(PlatformPlugin plugin, PlatformRules rules, Authorizer authorizer,
            MediaTransport transport, PostPublisher publisher) {
        public Platform {
            Objects.requireNonNull(plugin, "plugin");
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(authorizer, "authorizer");
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(publisher, "publisher");
        }

        public String id() {
            return plugin.id();
        }

        public DraftValidator validator() {
            return new DraftValidator(rules, plugin.textMeasure());
        }
    }

    private final Map<String, Platform> byId;

    public Platforms(Collection<Platform> platforms) {
        Map<String, Platform> map = new LinkedHashMap<>();
        for (Platform platform : platforms) {
            if (map.putIfAbsent(platform.id(), platform) != null) {
                throw new IllegalStateException("two platform plugins share the id '" + platform.id() + "': "
                        + map.get(platform.id()).plugin().getClass().getName() + " and "
                        + platform.plugin().getClass().getName() + "; remove one from the class path");
            }
        }
        this.byId = Map.copyOf(map);
    }

    /**
     * Opens every plugin with the same context.
     *
     * @throws IllegalStateException when there is none, or two share an id
     */
    public static Platforms open(Collection<PlatformPlugin> plugins, PlatformContext context) {
        if (plugins.isEmpty()) {
            throw new IllegalStateException("no platform plugin found on the class path (expected at least X's,"
                    + " listed in META-INF/services/" + PlatformPlugin.class.getName() + ")");
        }
        List<Platform> opened = new ArrayList<>();
        for (PlatformPlugin plugin : plugins) {
            opened.add(new Platform(plugin, plugin.rules(context), plugin.authorizer(context),
                    plugin.mediaTransport(context), plugin.postPublisher(context)));
        }
        return new Platforms(opened);
    }

    /** @throws OutpostException INVALID_INPUT naming the known platforms when there is no such platform */
    public Platform get(String id) {
        Platform platform = byId.get(id);
        if (platform == null) {
            throw OutpostException.invalid("platform", "unknown platform '" + id + "'; known: "
                    + byId.keySet().stream().sorted().collect(Collectors.joining(", ")));
        }
        return platform;
    }

    public Platform of(AccountId account) {
        return get(account.platformId());
    }

    public List<Platform> all() {
        return List.copyOf(byId.values());
    }
}
