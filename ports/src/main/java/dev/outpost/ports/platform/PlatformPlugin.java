package dev.outpost.ports.platform;

import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.TextMeasure;

/**
 * A platform Outpost publishes to, found through {@link java.util.ServiceLoader}: a public final class with a
 * public no-argument constructor, listed in {@code META-INF/services/dev.outpost.ports.platform.PlatformPlugin}.
 * The factories are called once per application start; what they return is thread-safe.
 */
public interface PlatformPlugin {
    /** A short, unique, lower-case id such as {@code x}; it prefixes account ids. */
    String id();

    /** The name people know it by, such as "X". */
    String displayName();

    /** What one post may carry. */
    PlatformRules rules();

    /**
     * The rules as configured in {@code context} (a plugin may let settings change its chunk size, for instance);
     * callers that have a context should prefer this to {@link #rules()}.
     */
    default PlatformRules rules(PlatformContext context) {
        return rules();
    }

    /** How the platform counts text length. */
    TextMeasure textMeasure();

    /** @throws IllegalArgumentException with a message for the user when the configuration is unusable */
    Authorizer authorizer(PlatformContext context);

    MediaTransport mediaTransport(PlatformContext context);

    PostPublisher postPublisher(PlatformContext context);
}
