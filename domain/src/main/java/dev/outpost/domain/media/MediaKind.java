package dev.outpost.domain.media;

/** What a platform treats differently: still images, animated GIFs and videos have their own caps and combinations. */
public enum MediaKind {
    IMAGE, GIF, VIDEO;

    /** Whether uploads of this kind are processed asynchronously after upload and must be polled. */
    public boolean isProcessedAsynchronously() {
        return this != IMAGE;
    }
}
