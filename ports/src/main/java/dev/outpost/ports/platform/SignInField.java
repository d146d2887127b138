package dev.outpost.ports.platform;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One value a sign-in method asks the user for (a server, a handle, an app password). The web app renders it as a form
 * field; the command line as {@code --<key> VALUE}, reading a secret from {@code environmentVariable} or from the
 * terminal without echo.
 *
 * @param key lower case, letters, digits and dashes ({@code server}, {@code handle}, {@code app-password})
 * @param label what people see
 * @param help one sentence for people, or empty
 * @param secret whether the value must never be echoed, logged or stored
 * @param required whether sign-in cannot start without it
 * @param environmentVariable where the command line may read it from, or null
 */
public record SignInField(String key, String label, String help, boolean secret, boolean required,
        String environmentVariable) {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    public SignInField {
        Objects.requireNonNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a field key is lower case letters, digits and dashes: " + key);
        }
        Objects.requireNonNull(label, "label");
        help = help == null ? "" : help;
    }
}
