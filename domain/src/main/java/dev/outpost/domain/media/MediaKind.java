package dev.outpost.domain.media;

/** What a platform treats differently: still images, animated GIFs and videos have their own caps and combinations. */
public enum MediaKind {
    IMAGE, GIF, VIDEO
}
