package dev.outpost.cli.command;

import dev.outpost.ports.platform.PlatformPlugin;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The ids of the platform plugins found, for the help and the shell completion of a {@code PLATFORM} parameter: the
 * command line names no platform itself.
 */
final class PlatformIds implements Iterable<String> {
    private final List<String> ids;

    @Inject
    PlatformIds(Map<String, PlatformPlugin> plugins) {
        this.ids = plugins.keySet().stream().sorted().toList();
    }

    @Override
    public Iterator<String> iterator() {
        return ids.iterator();
    }
}
