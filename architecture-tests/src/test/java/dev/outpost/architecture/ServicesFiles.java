package dev.outpost.architecture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** Reads {@code META-INF/services} files the way {@link java.util.ServiceLoader} does: every copy on the classpath. */
final class ServicesFiles {
    private ServicesFiles() {
    }

    static Set<String> listedOnClasspath(String serviceInterface) {
        Set<String> names = new LinkedHashSet<>();
        try {
            for (URL url : Collections.list(ServicesFiles.class.getClassLoader()
                    .getResources("META-INF/services/" + serviceInterface))) {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(url.openStream(),
                        StandardCharsets.UTF_8))) {
                    reader.lines().map(ServicesFiles::withoutComment).filter(line -> !line.isEmpty())
                            .forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the services files of " + serviceInterface, e);
        }
        return names;
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).trim();
    }
}
