package dev.outpost.x;

import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.TextMeasure;
import dev.outpost.domain.upload.ChunkPlan;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.PostPublisher;
import java.util.EnumSet;
import java.util.Map;

/**
 * X (formerly Twitter), found through {@link java.util.ServiceLoader}. Settings, all optional but the client id
 * (which only connecting an account needs): {@code OUTPOST_X_CLIENT_ID}, {@code OUTPOST_X_CLIENT_SECRET} (absent
 * for a public client), {@code OUTPOST_X_API_URL} (https://api.x.com), {@code OUTPOST_X_AUTHORIZE_URL}
 * (https://x.com/i/oauth2/authorize), {@code OUTPOST_X_CHUNK_SIZE} (bytes per APPEND),
 * {@code OUTPOST_X_CONNECT_TIMEOUT_SECONDS} (10), {@code OUTPOST_X_READ_TIMEOUT_SECONDS} (60) and
 * {@code OUTPOST_X_CONCURRENT_APPENDS} (true).
 */
public final class XPlatformPlugin implements PlatformPlugin {
    /** X states its caps in decimal megabytes. */
    /**
     * X states its caps as "5 MB", "15 MB" and "512 MB" without saying which megabyte (FACTS §3); read as binary, as
     * the sandbox does, so no file X may take is refused here. X itself refuses a larger one at INIT.
     */
    private static final long MB = 1L << 20;
    private static final TextMeasure MEASURE = new XTextMeasure();

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

    @Override
    public PlatformRules rules() {
        return rules(ChunkPlan.DEFAULT_CHUNK_SIZE);
    }

    @Override
    public PlatformRules rules(PlatformContext context) {
        return rules(XSettings.from(context).chunkSize());
    }

    @Override
    public TextMeasure textMeasure() {
        return MEASURE;
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

    private static PlatformRules rules(long chunkSize) {
        // Up to 4 images, or 1 GIF, or 1 video, never mixed (FACTS §5); WEBM is among INIT's media types (§1).
        return new PlatformRules(280, Map.of(MediaKind.IMAGE, 4, MediaKind.GIF, 1, MediaKind.VIDEO, 1), false,
                Map.of(MediaKind.IMAGE, 5 * MB, MediaKind.GIF, 15 * MB, MediaKind.VIDEO, 512 * MB),
                EnumSet.of(MediaType.JPEG, MediaType.PNG, MediaType.WEBP, MediaType.GIF, MediaType.MP4,
                        MediaType.MOV, MediaType.WEBM), 1000, chunkSize);
    }
}
