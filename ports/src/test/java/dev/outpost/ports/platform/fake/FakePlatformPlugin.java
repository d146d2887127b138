package dev.outpost.ports.platform.fake;

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
 * A platform plugin with id {@code fake} over one {@link FakePlatform}, with X's rules but plain code-point text
 * length. Not listed in {@code META-INF/services}: tests construct it (and reach its platform) directly.
 */
public final class FakePlatformPlugin implements PlatformPlugin {
    private final FakePlatform platform;

    public FakePlatformPlugin() {
        this(new FakePlatform());
    }

    public FakePlatformPlugin(FakePlatform platform) {
        this.platform = platform;
    }

    /** The platform behind every factory, for scripting faults and reading what happened. */
    public FakePlatform platform() {
        return platform;
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public String displayName() {
        return "Fake";
    }

    @Override
    public PlatformRules rules() {
        return new PlatformRules(280, Map.of(MediaKind.IMAGE, 4, MediaKind.GIF, 1, MediaKind.VIDEO, 1), false,
                Map.of(MediaKind.IMAGE, 5_000_000L, MediaKind.GIF, 15_000_000L, MediaKind.VIDEO, 512_000_000L),
                EnumSet.allOf(MediaType.class), 1000, ChunkPlan.DEFAULT_CHUNK_SIZE);
    }

    @Override
    public TextMeasure textMeasure() {
        return TextMeasure.CODE_POINTS;
    }

    /** The context is ignored: the fake's clock is its platform's. */
    @Override
    public Authorizer authorizer(PlatformContext context) {
        return platform.authorizer();
    }

    @Override
    public MediaTransport mediaTransport(PlatformContext context) {
        return platform.mediaTransport();
    }

    @Override
    public PostPublisher postPublisher(PlatformContext context) {
        return platform.postPublisher();
    }
}
