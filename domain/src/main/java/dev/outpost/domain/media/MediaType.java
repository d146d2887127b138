package dev.outpost.domain.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The media types Outpost accepts, recognised from a file's first bytes. The file name is never trusted:
 * a renamed executable is no image whatever its extension says.
 */
public enum MediaType {
    JPEG("image/jpeg", MediaKind.IMAGE),
    PNG("image/png", MediaKind.IMAGE),
    WEBP("image/webp", MediaKind.IMAGE),
    GIF("image/gif", MediaKind.GIF),
    MP4("video/mp4", MediaKind.VIDEO),
    MOV("video/quicktime", MediaKind.VIDEO),
    WEBM("video/webm", MediaKind.VIDEO);

    /** How many leading bytes {@link #sniff(byte[])} wants to see to decide. */
    public static final int SNIFF_LENGTH = 64;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] EBML_SIGNATURE = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
    /** Major brands of MP4 video files (ISO/IEC 14496-12 and -14, Apple's M4V, DASH, Sony's XAVC). */
    private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41",
            "mp42", "avc1", "M4V ", "M4VH", "M4VP", "dash", "mmp4", "XAVC");

    private final String mimeType;
    private final MediaKind kind;

    MediaType(String mimeType, MediaKind kind) {
        this.mimeType = mimeType;
        this.kind = kind;
    }

    public String mimeType() {
        return mimeType;
    }

    public MediaKind kind() {
        return kind;
    }

    /**
     * Recognises a media type from the first bytes of a file.
     *
     * @param head the file's first bytes; fewer than {@link #SNIFF_LENGTH} is fine for short files
     * @return the type, or empty when the bytes match no accepted type
     */
    public static Optional<MediaType> sniff(byte[] head) {
        if (startsWith(head, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
            return Optional.of(GIF);
        }
        if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
            return Optional.of(WEBP);
        }
        if (startsWith(head, 4, ascii("ftyp")) && head.length >= 12) {
            // ISO base media: the major brand says QuickTime or one of the MP4 family. Other brands share the box
            // (HEIC and AVIF images, M4A audio) and are not videos a platform would take.
            String brand = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
            if (brand.equals("qt  ")) {
                return Optional.of(MOV);
            }
            return MP4_BRANDS.contains(brand) ? Optional.of(MP4) : Optional.empty();
        }
        if (startsWith(head, 0, EBML_SIGNATURE) && indexOf(head, ascii("webm")) > 0) {
            return Optional.of(WEBM);
        }
        return Optional.empty();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        return data.length >= offset + prefix.length
                && Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] data, byte[] needle) {
        for (int i = 0; i + needle.length <= data.length; i++) {
            if (startsWith(data, i, needle)) {
                return i;
            }
        }
        return -1;
    }
}
