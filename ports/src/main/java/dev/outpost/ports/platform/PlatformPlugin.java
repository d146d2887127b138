package dev.outpost.ports.platform;

/**
 * A platform Outpost publishes to, found through {@link java.util.ServiceLoader}: a public final class with a
 * public no-argument constructor, listed in {@code META-INF/services/dev.outpost.ports.platform.PlatformPlugin}.
 * The plugin owns everything of its platform (sign-in, upload protocol, post format, error names, text measure); the
 * core speaks none of it. The factories are called once per application start; what they return is thread-safe.
 * See {@code ports/README.md} for how to write one.
 */
public interface PlatformPlugin {
    /** A short, unique, lower-case id such as {@code x}; it prefixes account ids. */
    String id();

    /** The name people know it by. */
    String displayName();

    /** What posts may carry, per account. */
    Rulebook rulebook(PlatformContext context);

    /** @throws IllegalArgumentException with a message for the user when the configuration is unusable */
    Authorizer authorizer(PlatformContext context);

    MediaTransport mediaTransport(PlatformContext context);

    PostPublisher postPublisher(PlatformContext context);
}
