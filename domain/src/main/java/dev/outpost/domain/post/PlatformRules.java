package dev.outpost.domain.post;

import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a platform accepts in one post. Each platform plugin states its own; the core never assumes X's numbers.
 *
 * @param maxTextLength the largest weighted length (see {@link TextMeasure})
 * @param maxMediaPerKind how many attachments of each kind one post may carry; a kind absent is not accepted
 * @param mixingKindsAllowed whether one post may combine kinds (X: no images beside a video or GIF)
 * @param maxBytesPerKind the size cap of one file of each kind
 * @param acceptedTypes the media types the platform takes
 * @param maxAltTextLength the longest alt text, in characters
 * @param chunkSize the segment size chunked uploads use
 */
public record PlatformRules(int maxTextLength, Map<MediaKind, Integer> maxMediaPerKind, boolean mixingKindsAllowed,
        Map<MediaKind, Long> maxBytesPerKind, Set<MediaType> acceptedTypes, int maxAltTextLength, long chunkSize) {
    public PlatformRules {
        if (maxTextLength < 1) {
            throw new IllegalArgumentException("maxTextLength must be positive");
        }
        maxMediaPerKind = Map.copyOf(Objects.requireNonNull(maxMediaPerKind, "maxMediaPerKind"));
        maxBytesPerKind = Map.copyOf(Objects.requireNonNull(maxBytesPerKind, "maxBytesPerKind"));
        acceptedTypes = Set.copyOf(Objects.requireNonNull(acceptedTypes, "acceptedTypes"));
        if (maxAltTextLength < 0) {
            throw new IllegalArgumentException("maxAltTextLength must not be negative");
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive");
        }
    }

    public int maxMedia(MediaKind kind) {
        return maxMediaPerKind.getOrDefault(kind, 0);
    }

    /** The size cap for one file of this kind; 0 when the kind is not accepted. */
    public long maxBytes(MediaKind kind) {
        return maxBytesPerKind.getOrDefault(kind, 0L);
    }
}
