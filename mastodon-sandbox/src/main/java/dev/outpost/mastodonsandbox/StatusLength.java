package dev.outpost.mastodonsandbox;

import java.text.BreakIterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the server counts a status against {@code max_characters}, as Mastodon's StatusLengthValidator does: the
 * content warning and the text together, in grapheme clusters, every URL as {@code charactersReservedPerUrl}
 * characters, and a mention {@code @user@domain} as {@code @user}. Uses the JDK's grapheme breaking, on purpose not
 * the library the client counts with.
 */
final class StatusLength {
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)\\]'”’]");
    private static final Pattern MENTION = Pattern.compile("(?<![\\w/])(@[A-Za-z0-9_]+)@[A-Za-z0-9.-]+[A-Za-z0-9]");

    private StatusLength() {
    }

    static int count(String spoilerText, String text, int charactersReservedPerUrl) {
        String combined = (spoilerText == null ? "" : spoilerText) + (text == null ? "" : text);
        Matcher urls = URL.matcher(combined);
        StringBuilder rest = new StringBuilder();
        int urlCount = 0;
        while (urls.find()) {
            urlCount++;
            urls.appendReplacement(rest, "");
        }
        urls.appendTail(rest);
        String shortened = MENTION.matcher(rest).replaceAll("$1");
        return graphemes(shortened) + urlCount * charactersReservedPerUrl;
    }

    static int graphemes(String s) {
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(s);
        int n = 0;
        while (it.next() != BreakIterator.DONE) {
            n++;
        }
        return n;
    }
}
