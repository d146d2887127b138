package dev.outpost.domain.post;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Written before the post request is sent, so that after an ambiguous failure or a crash the platform can be asked
 * whether this exact post exists instead of blindly posting again.
 *
 * @param textSha256 hex SHA-256 of the NFC-normalised, stripped text (see {@link #hash})
 * @param mediaIds the platform's media references attached, in order
 * @param sentAt when the request was (about to be) sent
 * @param attempt 1 for the first request, 2 for the single retry allowed after a confirmed miss
 */
public record PublishIntent(String textSha256, List<String> mediaIds, Instant sentAt, int attempt) {
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

    /** Whether {@code text} is this intent's text, once normalised as {@link #hash} does. */
    public boolean hasText(String text) {
        return textSha256.equals(hash(text));
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
