package dev.outpost.ports.platform;

import dev.outpost.domain.auth.PendingAuthorization;
import java.net.URI;
import java.util.Objects;

/** What beginning a sign-in gives: a place to send the browser, or, for a method without redirect, the account. */
public sealed interface SignInStart {
    /**
     * Send the browser to {@code url}; the core keeps {@code pending} (the plugin's state inside it, encrypted) until
     * the callback.
     */
    record Redirect(URI url, PendingAuthorization pending) implements SignInStart {
        public Redirect {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(pending, "pending");
        }
    }

    /** Connected at once. */
    record Connected(Connection connection) implements SignInStart {
        public Connected {
            Objects.requireNonNull(connection, "connection");
        }
    }
}
