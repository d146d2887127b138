package dev.outpost.domain.post;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Written before the post request is sent, so that after an ambiguous failure or a crash the account's recent posts
 * can be searched for this exact post instead of blindly posting again.
 *
 * @param textSha256 hex SHA-256 of the NFC-normalised text
 * @param mediaIds the platform's media ids attached, in order
 * @param sentAt when the request was (about to be) sent; reconciliation reads posts from shortly before it
 * @param attempt 1 for the first request, 2 for the single retry allowed after a confirmed miss
 */
public record PublishIntent(String textSha256, List<String> mediaIds, Instant sentAt, int attempt) {
    private static final Pattern TRAILING_LINK = Pattern.compile("(?:^|\\s)https?://\\S+$");

    public PublishIntent {
        Objects.requireNonNull(textSha256, "textSha256");
        mediaIds = List.copyOf(mediaIds);
        Objects.requireNonNull(sentAt, "sentAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
    }

    public static PublishIntent of(String text, List<String> mediaIds, Instant sentAt, int attempt) {
        return new PublishIntent(hash(text), mediaIds, sentAt, attempt);
    }

    /**
     * Whether a post found on the platform carries this intent's text. Platforms may append media links (X adds the
     * media's t.co link to the text it returns), so trailing links are dropped one at a time until the text matches
     * or none is left.
     */
    public boolean matchesText(String postedText) {
        String candidate = postedText == null ? "" : postedText.strip();
        while (true) {
            if (textSha256.equals(hash(candidate))) {
                return true;
            }
            Matcher link = TRAILING_LINK.matcher(candidate);
            if (!link.find()) {
                return false;
            }
            candidate = candidate.substring(0, link.start()).strip();
        }
    }

    public static String hash(String text) {
        String normalized = Normalizer.normalize(text == null ? "" : text.strip(), Normalizer.Form.NFC);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
