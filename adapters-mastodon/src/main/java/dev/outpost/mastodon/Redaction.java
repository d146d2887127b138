package dev.outpost.mastodon;

import java.util.regex.Pattern;

/** Hides secrets in text that is about to be logged or put in a message: token-bearing fields and auth headers. */
final class Redaction {
    static final String MASK = "***";
    private static final String SECRET_FIELDS =
            "access_token|refresh_token|code|code_verifier|client_secret|token|id_token";
    private static final Pattern JSON_FIELD =
            Pattern.compile("(\"(?:" + SECRET_FIELDS + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern FORM_FIELD = Pattern.compile("(^|[&?\\s;,])((?:" + SECRET_FIELDS + ")=)[^&\\s]*");
    private static final Pattern AUTH_VALUE = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]+");

    private Redaction() {
    }

    static String redactJson(String json) {
        return JSON_FIELD.matcher(json).replaceAll("$1\"" + MASK + "\"");
    }

    static String redactForm(String form) {
        return FORM_FIELD.matcher(form).replaceAll("$1$2" + MASK);
    }

    /** Redacts every known shape: JSON fields, form fields and Authorization values. */
    static String redactText(String text) {
        return AUTH_VALUE.matcher(redactForm(redactJson(text))).replaceAll("$1 " + MASK);
    }

    /** An Authorization header's value with the credentials hidden: "Bearer ***". */
    static String authorizationHeader(String value) {
        int space = value.indexOf(' ');
        return (space < 0 ? "" : value.substring(0, space) + " ") + MASK;
    }
}
