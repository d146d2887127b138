package dev.outpost.mastodonsandbox;

import java.util.List;
import java.util.Objects;

/**
 * What {@code GET /api/v2/instance} says under {@code configuration}, and what the sandbox enforces: the text limit
 * (URLs counted as {@code charactersReservedPerUrl}), attachments per status, size caps and the alt-text limit.
 */
public record InstanceLimits(int maxCharacters, int maxMediaAttachments, int charactersReservedPerUrl,
        long imageSizeLimit, long videoSizeLimit, int descriptionLimit, List<String> supportedMimeTypes) {
    /** A stock Mastodon 4.x server. */
    public static final InstanceLimits STOCK = new InstanceLimits(500, 4, 23, 16L << 20, 99L << 20, 1500,
            List.of("image/jpeg", "image/png", "image/gif", "image/heic", "image/heif", "image/webp", "image/avif",
                    "video/webm", "video/mp4", "video/quicktime", "video/ogg", "audio/wave", "audio/wav",
                    "audio/x-wav", "audio/x-pn-wave", "audio/vnd.wave", "audio/ogg", "audio/vorbis", "audio/mpeg",
                    "audio/mp3", "audio/webm", "audio/flac", "audio/aac", "audio/m4a", "audio/x-m4a", "audio/mp4",
                    "audio/3gpp", "video/x-ms-asf"));

    public InstanceLimits {
        if (maxCharacters < 1 || maxMediaAttachments < 1 || charactersReservedPerUrl < 0 || imageSizeLimit < 1
                || videoSizeLimit < 1 || descriptionLimit < 0) {
            throw new IllegalArgumentException("instance limits must be positive");
        }
        supportedMimeTypes = List.copyOf(Objects.requireNonNull(supportedMimeTypes, "supportedMimeTypes"));
    }

    public InstanceLimits withMaxCharacters(int max) {
        return new InstanceLimits(max, maxMediaAttachments, charactersReservedPerUrl, imageSizeLimit, videoSizeLimit,
                descriptionLimit, supportedMimeTypes);
    }

    public InstanceLimits withMaxMediaAttachments(int max) {
        return new InstanceLimits(maxCharacters, max, charactersReservedPerUrl, imageSizeLimit, videoSizeLimit,
                descriptionLimit, supportedMimeTypes);
    }

    public InstanceLimits withSizeLimits(long image, long video) {
        return new InstanceLimits(maxCharacters, maxMediaAttachments, charactersReservedPerUrl, image, video,
                descriptionLimit, supportedMimeTypes);
    }

    public InstanceLimits withDescriptionLimit(int max) {
        return new InstanceLimits(maxCharacters, maxMediaAttachments, charactersReservedPerUrl, imageSizeLimit,
                videoSizeLimit, max, supportedMimeTypes);
    }

    public InstanceLimits withCharactersReservedPerUrl(int perUrl) {
        return new InstanceLimits(maxCharacters, maxMediaAttachments, perUrl, imageSizeLimit, videoSizeLimit,
                descriptionLimit, supportedMimeTypes);
    }
}
