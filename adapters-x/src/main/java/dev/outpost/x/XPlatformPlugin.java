package dev.outpost.x;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.TextLimit;
import dev.outpost.domain.post.TextMeasure;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.Rulebook;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * X (formerly Twitter), found through {@link java.util.ServiceLoader}. Settings, all optional but the client id
 * (which only connecting an account needs): {@code OUTPOST_X_CLIENT_ID}, {@code OUTPOST_X_CLIENT_SECRET} (absent
 * for a public client), {@code OUTPOST_X_API_URL} (https://api.x.com), {@code OUTPOST_X_AUTHORIZE_URL}
 * (https://x.com/i/oauth2/authorize), {@code OUTPOST_X_WEB_URL} (https://x.com), {@code OUTPOST_X_CHUNK_SIZE} (bytes
 * per APPEND, 4.5 MiB), {@code OUTPOST_X_CONNECT_TIMEOUT_SECONDS} (10), {@code OUTPOST_X_READ_TIMEOUT_SECONDS} (60)
 * and {@code OUTPOST_X_CONCURRENT_APPENDS} (true).
 */
public final class XPlatformPlugin implements PlatformPlugin {
    /**
     * X states its caps as "5 MB", "15 MB" and "512 MB" without saying which megabyte (FACTS §3); read as binary, as
     * the sandbox does, so no file X may take is refused here. X itself refuses a larger one at INIT.
     */
    private static final long MB = 1L << 20;
    static final TextMeasure MEASURE = new XTextMeasure();
    /**
     * Up to 4 images, or 1 GIF, or 1 video, never mixed (FACTS §5); 280 weighted characters; WEBM is among INIT's
     * media types (§1). The same for every account: X has one server.
     */
    static final PlatformRules RULES = new PlatformRules("X",
            List.of(new TextLimit("characters", MEASURE, 280)),
            List.of(Map.of(MediaKind.IMAGE, 4), Map.of(MediaKind.GIF, 1), Map.of(MediaKind.VIDEO, 1)),
            Map.of(MediaKind.IMAGE, 5 * MB, MediaKind.GIF, 15 * MB, MediaKind.VIDEO, 512 * MB),
            EnumSet.of(MediaType.JPEG, MediaType.PNG, MediaType.WEBP, MediaType.GIF, MediaType.MP4,
                    MediaType.MOV, MediaType.WEBM), 1000, List.of());

    public XPlatformPlugin() {
        // ServiceLoader needs a public no-argument constructor; all configuration arrives in PlatformContext.
    }

    @Override
    public String id() {
        return "x";
    }

    @Override
    public String displayName() {
        return "X";
    }

    /** X's rules are the same for every account and need no setting. */
    @Override
    public Rulebook rulebook(PlatformContext context) {
        return new Rulebook() {
            @Override
            public PlatformRules rules(Account account) {
                return RULES;
            }

            @Override
            public PlatformRules defaults() {
                return RULES;
            }
        };
    }

    /** @throws IllegalArgumentException without {@code OUTPOST_X_CLIENT_ID}, saying how to register an X app */
    @Override
    public Authorizer authorizer(PlatformContext context) {
        return new XAuthorizer(new XFeign(XSettings.from(context)), context.clock());
    }

    @Override
    public MediaTransport mediaTransport(PlatformContext context) {
        return new XMediaTransport(new XFeign(XSettings.from(context)), context.clock());
    }

    @Override
    public PostPublisher postPublisher(PlatformContext context) {
        XSettings settings = XSettings.from(context);
        return new XPostPublisher(new XFeign(settings), settings.webUrl());
    }
}
