package dev.outpost.domain.post;

import dev.outpost.domain.media.MediaFile;
import java.util.Objects;

/**
 * A file attached to a draft, with the text that describes it to people who cannot see it.
 *
 * @param file the inspected file
 * @param altText null or blank for none
 */
public record MediaAttachment(MediaFile file, String altText) {
    public MediaAttachment {
        Objects.requireNonNull(file, "file");
        altText = altText == null || altText.isBlank() ? null : altText;
    }

    public boolean hasAltText() {
        return altText != null;
    }
}
