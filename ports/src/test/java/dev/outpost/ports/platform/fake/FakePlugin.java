package dev.outpost.ports.platform.fake;

import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.Rulebook;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@link PlatformPlugin} of a fake platform: its factories build the shape's parts over one fake platform. Not
 * listed in {@code META-INF/services}: tests construct it (through the fake's {@code plugin()}) and hand it to the
 * application as the service loader would.
 */
final class FakePlugin implements PlatformPlugin {
    private final String id;
    private final String displayName;
    private final Function<PlatformContext, Rulebook> rulebook;
    private final Function<PlatformContext, Authorizer> authorizer;
    private final Function<PlatformContext, MediaTransport> transport;
    private final Function<PlatformContext, PostPublisher> publisher;

    FakePlugin(String id, String displayName, Function<PlatformContext, Rulebook> rulebook,
            Function<PlatformContext, Authorizer> authorizer, Function<PlatformContext, MediaTransport> transport,
            Function<PlatformContext, PostPublisher> publisher) {
        this.id = Objects.requireNonNull(id, "id");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.rulebook = rulebook;
        this.authorizer = authorizer;
        this.transport = transport;
        this.publisher = publisher;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public Rulebook rulebook(PlatformContext context) {
        return rulebook.apply(context);
    }

    @Override
    public Authorizer authorizer(PlatformContext context) {
        return authorizer.apply(context);
    }

    @Override
    public MediaTransport mediaTransport(PlatformContext context) {
        return transport.apply(context);
    }

    @Override
    public PostPublisher postPublisher(PlatformContext context) {
        return publisher.apply(context);
    }

    @Override
    public String toString() {
        return "FakePlugin[" + id + "]";
    }
}
