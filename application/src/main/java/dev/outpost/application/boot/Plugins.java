package dev.outpost.application.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/** Finds plugins with {@link ServiceLoader}, outside any container, and refuses none or two with one id. */
public final class Plugins {
    private Plugins() {
    }

    /**
     * @return the plugins by id, in class-path order
     * @throws IllegalStateException when none is found, or two share an id (both classes named)
     */
    public static <T> Map<String, T> load(Class<T> spi, Function<T, String> id, ClassLoader loader) {
        Map<String, T> found = new LinkedHashMap<>();
        for (T plugin : ServiceLoader.load(spi, loader)) {
            T earlier = found.putIfAbsent(id.apply(plugin), plugin);
            if (earlier != null) {
                throw new IllegalStateException("two " + spi.getSimpleName() + "s share the id '" + id.apply(plugin)
                        + "': " + earlier.getClass().getName() + " and " + plugin.getClass().getName()
                        + "; remove one from the class path");
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no " + spi.getSimpleName() + " found on the class path: expected one"
                    + " listed in META-INF/services/" + spi.getName());
        }
        return found;
    }

    /** The plugin with this id, or a message listing the known ones. */
    public static <T> T choose(Map<String, T> plugins, String id, String what) {
        T plugin = plugins.get(id);
        if (plugin == null) {
            throw new IllegalArgumentException("unknown " + what + " '" + id + "'; available: "
                    + String.join(", ", plugins.keySet()));
        }
        return plugin;
    }
}
