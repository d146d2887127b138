package dev.outpost.ports.platform;

import java.util.List;
import java.util.Objects;

/**
 * A way to connect an account that a platform's plugin offers; the apps render it without knowing the platform.
 *
 * @param id unique within the plugin ({@code oauth}, {@code app-password})
 * @param label what people see ("Sign in with the browser")
 * @param redirect whether it sends the user's browser to the platform and waits for the callback; otherwise the
 *     fields are all it needs and the account is connected at once
 * @param fields what to ask the user for first; may be empty
 */
public record SignInMethod(String id, String label, boolean redirect, List<SignInField> fields) {
    public SignInMethod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
    }
}
