package dev.outpost.application;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.DraftValidator;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.PlatformVault;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.Rulebook;
import dev.outpost.ports.storage.SecretVault;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The platforms this run can publish to, by id, each with its rulebook, authorizer, transport and publisher made
 * once, when first used. Internal to the core: the apps reach platforms only through the use cases.
 */
public final class Platforms {
    /**
     * One platform, opened. Its parts are made on first use: a platform whose sign-in is not configured (no
     * registered app) must not keep the others, or its accounts connected by import, from working; and a run that
     * only reads what is stored (a list) must not pay for HTTP clients and API bindings it never calls (for three
     * platforms, more than half a second of a command line's start). Each accessor throws {@link OutpostException}
     * INVALID_INPUT naming the configuration when the plugin finds it unusable.
     */
    record Platform(PlatformPlugin plugin, Supplier<Rulebook> rulebooks, Supplier<Authorizer> authorizers,
            Supplier<MediaTransport> transports, Supplier<PostPublisher> publishers) {
        Platform {
            Objects.requireNonNull(plugin, "plugin");
            Objects.requireNonNull(rulebooks, "rulebooks");
            Objects.requireNonNull(authorizers, "authorizers");
            Objects.requireNonNull(transports, "transports");
            Objects.requireNonNull(publishers, "publishers");
        }

        Rulebook rulebook() {
            return rulebooks.get();
        }

        Authorizer authorizer() {
            return authorizers.get();
        }

        MediaTransport transport() {
            return transports.get();
        }

        PostPublisher publisher() {
            return publishers.get();
        }

        String id() {
            return plugin.id();
        }

        String displayName() {
            return plugin.displayName();
        }

        PlatformRules rules(Account account) {
            return rulebook().rules(account);
        }

        DraftValidator validator(Account account) {
            return new DraftValidator(rules(account));
        }
    }

    private final Map<String, Platform> byId;

    Platforms(Collection<Platform> platforms) {
        Map<String, Platform> map = new LinkedHashMap<>();
        for (Platform platform : platforms) {
            if (map.putIfAbsent(platform.id(), platform) != null) {
                throw new IllegalStateException("two platform plugins share the id '" + platform.id() + "': "
                        + map.get(platform.id()).plugin().getClass().getName() + " and "
                        + platform.plugin().getClass().getName() + "; remove one from the class path");
            }
        }
        this.byId = java.util.Collections.unmodifiableMap(map);
    }

    /**
     * Opens every plugin, each with the same settings and clock and a vault of its own over {@code secrets}.
     *
     * @throws IllegalStateException when there is none, or two share an id; a configuration a plugin finds
     *     unusable is reported when the part that needs it is first used
     */
    public static Platforms open(Collection<PlatformPlugin> plugins, Map<String, String> settings, Clock clock,
            SecretVault secrets) {
        if (plugins.isEmpty()) {
            throw new IllegalStateException("no platform plugin found on the class path (expected at least one"
                    + " listed in META-INF/services/" + PlatformPlugin.class.getName() + ")");
        }
        List<Platform> opened = new ArrayList<>();
        for (PlatformPlugin plugin : plugins) {
            PlatformContext context = new PlatformContext(settings, clock, vaultOf(plugin.id(), secrets));
            opened.add(new Platform(plugin, onFirstUse(() -> plugin.rulebook(context)),
                    onFirstUse(() -> plugin.authorizer(context)), onFirstUse(() -> plugin.mediaTransport(context)),
                    onFirstUse(() -> plugin.postPublisher(context))));
        }
        return new Platforms(opened);
    }

    /** A part of a plugin, made once when first asked for; an unusable configuration is reported each time. */
    private static <T> Supplier<T> onFirstUse(Supplier<T> factory) {
        AtomicReference<T> made = new AtomicReference<>();
        return () -> {
            T known = made.get();
            if (known != null) {
                return known;
            }
            try {
                made.compareAndSet(null, Objects.requireNonNull(factory.get(), "the plugin made no part"));
                return made.get();
            } catch (IllegalArgumentException unusable) {
                throw OutpostException.invalid("configuration", unusable.getMessage());
            }
        };
    }

    private static PlatformVault vaultOf(String platformId, SecretVault secrets) {
        return new PlatformVault() {
            @Override
            public Optional<String> get(String key) {
                return secrets.get(platformId, key);
            }

            @Override
            public String putIfAbsent(String key, String value) {
                return secrets.putIfAbsent(platformId, key, value);
            }

            @Override
            public void put(String key, String value) {
                secrets.put(platformId, key, value);
            }

            @Override
            public void delete(String key) {
                secrets.delete(platformId, key);
            }
        };
    }

    /** @throws OutpostException INVALID_INPUT naming the known platforms when there is no such platform */
    Platform get(String id) {
        Platform platform = byId.get(id);
        if (platform == null) {
            throw OutpostException.invalid("platform", "unknown platform '" + id + "'; known: " + ids());
        }
        return platform;
    }

    Platform of(AccountId account) {
        return get(account.platformId());
    }

    List<Platform> all() {
        return List.copyOf(byId.values());
    }

    /** The ids, sorted, comma-separated, for messages. */
    String ids() {
        return byId.keySet().stream().sorted().collect(Collectors.joining(", "));
    }
}
