package dev.outpost.domain.post;

import dev.outpost.domain.media.MediaFile;
import java.util.Objects;

/**
 * A file attached to a draft, with the text that describes it to people who cannot see it and, optionally, the
 * point that must stay in view when a platform crops it.
 *
 * @param file the inspected file
 * @param altText null or blank for none
 * @param focus null for none (the platform's default, usually the centre)
 */
public record MediaAttachment(MediaFile file, String altText, FocalPoint focus) {
    public MediaAttachment {
        Objects.requireNonNull(file, "file");
        altText = altText == null || altText.isBlank() ? null : altText;
    }

    public MediaAttachment(MediaFile file, String altText) {
        this(file, altText, null);
    }

    public boolean hasAltText() {
        return altText != null;
    }
}
