package dev.outpost.cli;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import picocli.CommandLine;

/**
 * Lets picocli create commands (and their mixins) through Guice, so they receive what they need by constructor;
 * what Guice cannot make (picocli's own types, collections) falls back to picocli's factory.
 */
final class GuiceFactory implements CommandLine.IFactory {
    private final Injector injector;

    GuiceFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type.getName().startsWith("dev.outpost.")) {
            try {
                return injector.getInstance(type);
            } catch (ConfigurationException notInjectable) {
                // for example a nested option group: a plain class with a default constructor
            }
        }
        return CommandLine.defaultFactory().create(type);
    }
}
