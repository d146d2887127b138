package dev.outpost.cli.runtime;

import dev.outpost.application.Platforms;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.storage.Stores;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * Opens the platforms whose plugins accept the configuration, leaving out the others: a person who only posts to
 * Mastodon must not have to configure an X app first. Only when no plugin is usable is the first refusal raised, with
 * the plugin's own message.
 */
final class UsablePlatforms {
    private final Map<String, String> refused = new LinkedHashMap<>();
    private final Set<String> refusedIds = new HashSet<>();
    private final Platforms platforms;

    /** @throws IllegalArgumentException when every plugin finds its configuration unusable */
    UsablePlatforms(Collection<PlatformPlugin> plugins, Map<String, String> settings, Clock clock, Stores stores) {
        List<PlatformPlugin> usable = new ArrayList<>();
        IllegalArgumentException first = null;
        for (PlatformPlugin plugin : plugins) {
            try {
                // Opening a plugin only builds its clients: nothing is sent anywhere.
                Platforms.open(List.of(plugin), settings, clock, stores.secrets());
                usable.add(plugin);
            } catch (IllegalArgumentException unusable) {
                refused.put(plugin.displayName(), unusable.getMessage());
                refusedIds.add(plugin.id());
                first = first == null ? unusable : first;
            }
        }
        if (usable.isEmpty() && first != null) {
            throw first;
        }
        this.platforms = Platforms.open(usable, settings, clock, stores.secrets());
    }

    Platforms platforms() {
        return platforms;
    }

    /** The ids of the platforms left out. */
    Set<String> refusedIds() {
        return refusedIds;
    }

    /** Display name -> the plugin's reason, for the platforms left out. */
    Map<String, String> refused() {
        return refused;
    }
}
