package dev.outpost.bluesky;

import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.Rulebook;

/**
 * Bluesky (the AT Protocol), found through {@link java.util.ServiceLoader}. Accounts are {@code bluesky:<did>}.
 * Settings, all optional: {@code OUTPOST_BLUESKY_PLC_URL} (https://plc.directory), {@code
 * OUTPOST_BLUESKY_VIDEO_SERVICE_URL} (https://video.bsky.app; {@code none} uploads videos to the PDS as plain blobs),
 * {@code OUTPOST_BLUESKY_VIDEO_SERVICE_DID} (did:web of that host), {@code OUTPOST_BLUESKY_WEB_URL} (https://bsky.app,
 * where post links point), {@code OUTPOST_BLUESKY_CONNECT_TIMEOUT_SECONDS} (10), {@code
 * OUTPOST_BLUESKY_READ_TIMEOUT_SECONDS} (60), {@code OUTPOST_BLUESKY_OAUTH_CLIENT_ID} (the https URL of the client
 * metadata a web app serves; unset, the browser sign-in is a loopback client), {@code
 * OUTPOST_BLUESKY_RESOLVE_HANDLES_ONLINE} (true; false asks only the account's server, for sandboxes). The command line reads an app password from {@code
 * OUTPOST_BLUESKY_APP_PASSWORD}.
 */
public final class BlueskyPlatformPlugin implements PlatformPlugin {
    public BlueskyPlatformPlugin() {
        // ServiceLoader needs a public no-argument constructor; all configuration arrives in PlatformContext.
    }

    @Override
    public String id() {
        return "bluesky";
    }

    @Override
    public String displayName() {
        return "Bluesky";
    }

    @Override
    public Rulebook rulebook(PlatformContext context) {
        return new BlueskyRules(BlueskySettings.from(context).videoService() != null);
    }

    @Override
    public Authorizer authorizer(PlatformContext context) {
        BlueskySettings settings = BlueskySettings.from(context);
        Xrpc xrpc = xrpc(settings);
        IdentityResolver identities = identities(settings);
        return new BlueskyAuthorizer(xrpc, identities, new BlueskyOAuth(xrpc, identities, settings.oauthClientId(),
                context.clock()));
    }

    @Override
    public MediaTransport mediaTransport(PlatformContext context) {
        BlueskySettings settings = BlueskySettings.from(context);
        return new BlueskyMediaTransport(xrpc(settings), settings, context.clock());
    }

    @Override
    public PostPublisher postPublisher(PlatformContext context) {
        BlueskySettings settings = BlueskySettings.from(context);
        return new BlueskyPostPublisher(xrpc(settings), identities(settings), settings.webUrl(), context.clock());
    }

    private static Xrpc xrpc(BlueskySettings settings) {
        return new Xrpc(settings.connectTimeout(), settings.readTimeout());
    }

    private static IdentityResolver identities(BlueskySettings settings) {
        if (!settings.resolveHandlesOnline()) {
            return new IdentityResolver(settings.plcUrl(), settings.connectTimeout(), name -> java.util.List.of(),
                    handle -> null);
        }
        return new IdentityResolver(settings.plcUrl(), settings.connectTimeout());
    }
}
