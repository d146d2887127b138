package dev.outpost.mastodon;

import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.Rulebook;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Mastodon — any server — found through {@link java.util.ServiceLoader}. Account ids are
 * {@code mastodon:<server>:<account id>}. Nothing must be configured: the client is registered on each server the
 * first time someone connects there, and kept in the plugin's vault. Optional settings:
 * {@code OUTPOST_MASTODON_CLIENT_NAME} (Outpost), {@code OUTPOST_MASTODON_WEBSITE},
 * {@code OUTPOST_MASTODON_CONNECT_TIMEOUT_SECONDS} (10), {@code OUTPOST_MASTODON_READ_TIMEOUT_SECONDS} (60),
 * {@code OUTPOST_MASTODON_INSTANCE_TTL_SECONDS} (how long a server's limits are kept, 6 hours) and
 * {@code OUTPOST_MASTODON_ALLOW_HTTP} (false; loopback servers may always use http).
 */
public final class MastodonPlatformPlugin implements PlatformPlugin {
    /** One client and one rulebook per context: the publisher forgets a server's limits when it refuses a post. */
    private final Map<PlatformContext, Opened> opened = new IdentityHashMap<>();

    private record Opened(MastodonFeign feign, MastodonRulebook rulebook) {
    }

    public MastodonPlatformPlugin() {
        // ServiceLoader needs a public no-argument constructor; all configuration arrives in PlatformContext.
    }

    @Override
    public String id() {
        return "mastodon";
    }

    @Override
    public String displayName() {
        return "Mastodon";
    }

    @Override
    public Rulebook rulebook(PlatformContext context) {
        return open(context).rulebook();
    }

    @Override
    public Authorizer authorizer(PlatformContext context) {
        MastodonFeign feign = open(context).feign();
        return new MastodonAuthorizer(feign, new ClientRegistry(feign, context.vault()));
    }

    @Override
    public MediaTransport mediaTransport(PlatformContext context) {
        return new MastodonMediaTransport(open(context).feign(), context.clock());
    }

    @Override
    public PostPublisher postPublisher(PlatformContext context) {
        Opened o = open(context);
        return new MastodonPostPublisher(o.feign(), o.rulebook(), context.clock());
    }

    private synchronized Opened open(PlatformContext context) {
        return opened.computeIfAbsent(context, c -> {
            MastodonFeign feign = new MastodonFeign(MastodonSettings.from(c));
            return new Opened(feign, new MastodonRulebook(feign, c.clock(), c.vault()));
        });
    }
}
