package dev.outpost.xsandbox;

import java.util.Optional;

/** Reads an image's type and size from its first bytes (PNG, GIF, JPEG, WebP), as X reports them. */
final class ImageProbe {
    record ImageInfo(String type, Integer width, Integer height) {
    }

    private ImageProbe() {
    }

    static Optional<ImageInfo> probe(byte[] head) {
        if (startsWith(head, 0x89, 'P', 'N', 'G') && head.length >= 24) {
            return Optional.of(new ImageInfo("image/png", be32(head, 16), be32(head, 20)));
        }
        if (startsWith(head, 'G', 'I', 'F', '8') && head.length >= 10) {
            return Optional.of(new ImageInfo("image/gif", le16(head, 6), le16(head, 8)));
        }
        if (startsWith(head, 'R', 'I', 'F', 'F') && head.length >= 30 && head[8] == 'W' && head[9] == 'E') {
            if (head[12] == 'V' && head[15] == 'X') {
                return Optional.of(new ImageInfo("image/webp", 1 + le24(head, 24), 1 + le24(head, 27)));
            }
            return Optional.of(new ImageInfo("image/webp", null, null));
        }
        if (startsWith(head, 0xFF, 0xD8)) {
            return Optional.of(jpeg(head));
        }
        return Optional.empty();
    }

    private static ImageInfo jpeg(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xff) != 0xFF) {
                i++;
                continue;
            }
            int marker = b[i + 1] & 0xff;
            int length = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                int height = ((b[i + 5] & 0xff) << 8) | (b[i + 6] & 0xff);
                int width = ((b[i + 7] & 0xff) << 8) | (b[i + 8] & 0xff);
                return new ImageInfo("image/jpeg", width, height);
            }
            i += 2 + length;
        }
        return new ImageInfo("image/jpeg", null, null);
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int be32(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8);
    }

    private static int le24(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | ((b[at + 2] & 0xff) << 16);
    }
}
