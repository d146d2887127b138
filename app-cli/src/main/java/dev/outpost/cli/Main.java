package dev.outpost.cli;

import dev.outpost.application.boot.Plugins;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.Terminal;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.storage.StoragePlugin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

/** {@code outpost}: the process's entry point, the one place that picks the real clock, streams and plugins. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        DeferredTls.install();
        Environment environment = new Environment(System.getenv(), Path.of(System.getProperty("user.home")),
                System.in, System.out, System.err, interactive(), Clock.systemUTC(), ZoneId.systemDefault(),
                Terminal.system());
        Map<String, PlatformPlugin> platforms;
        Map<String, StoragePlugin> storages;
        try {
            ClassLoader loader = Main.class.getClassLoader();
            platforms = Plugins.load(PlatformPlugin.class, PlatformPlugin::id, loader);
            storages = Plugins.load(StoragePlugin.class, StoragePlugin::id, loader);
        } catch (IllegalStateException | java.util.ServiceConfigurationError broken) {
            System.err.println("outpost: " + broken.getMessage());
            System.exit(1);
            return;
        }
        int code = OutpostCli.run(args, environment, platforms, storages);
        QuickExit.stopHttpSelectors();
        System.exit(code);
    }

    /** Whether standard error can show redrawn progress bars: a console, and a terminal that moves the cursor. */
    private static boolean interactive() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb");
    }
}
