package dev.outpost.mastodon;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the text Outpost sent with a status's {@code content}, the HTML the server made of it: paragraphs and
 * line breaks become whitespace, tags go (a link's hidden parts are still its text), entities are decoded, and on both
 * sides a mention {@code @user@domain} reads {@code @user} (the server shows remote mentions short) and whitespace
 * runs are one space.
 */
final class StatusText {
    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);");
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_/])(@[A-Za-z0-9_]+(?:[.-]+[A-Za-z0-9_]+)*)"
            + "@[\\p{L}\\p{N}.-]+\\.[\\p{L}\\p{N}-]+");

    private StatusText() {
    }

    static boolean matches(String sent, String contentHtml) {
        return normalize(sent).equals(normalize(plain(contentHtml)));
    }

    /** The text of a status's HTML. */
    static String plain(String html) {
        if (html == null) {
            return "";
        }
        String text = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</p>\\s*<p[^>]*>", "\n\n")
                .replaceAll("<[^>]*>", "");
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String decoded = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> new String(Character.toChars(entity.startsWith("#x")
                        ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1))));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String normalize(String text) {
        return MENTION.matcher(text == null ? "" : text).replaceAll("$1").replaceAll("\\s+", " ").strip();
    }
}
