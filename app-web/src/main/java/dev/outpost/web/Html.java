package dev.outpost.web;

/** Escaping for HTML text and attribute values: every value a page shows goes through {@link #esc}. */
final class Html {
    private Html() {
    }

    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A hidden field carrying the session's CSRF token, for every POST form. */
    static String csrfField(Sessions.Session session) {
        return "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(session.csrfToken()) + "\">";
    }
}
