package dev.outpost.bluesky;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * An image's width and height read from its header, without decoding its pixels (a post's {@code aspectRatio}, so
 * clients lay it out before loading it): PNG's IHDR, a JPEG's start-of-frame, WebP's VP8/VP8L/VP8X chunk, GIF's screen.
 * JPEG orientation is not applied: EXIF rotation would swap the sides, and Bluesky's own app sends them unrotated too.
 */
record ImageHeader(int width, int height) {
    ImageHeader {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image has positive sides: " + width + "x" + height);
        }
    }

    static Optional<ImageHeader> read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 8192))) {
            byte[] head = new byte[12];
            in.readFully(head);
            if ((head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
                in.skipNBytes(4); // IHDR's type; its length was in head[8..11]
                return of(in.readInt(), in.readInt());
            }
            if ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8) {
                return jpeg(in, Arrays.copyOfRange(head, 2, 12));
            }
            if (head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F' && head[8] == 'W'
                    && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
                return webp(in);
            }
            if (head[0] == 'G' && head[1] == 'I' && head[2] == 'F') {
                return of((head[6] & 0xFF) | (head[7] & 0xFF) << 8, (head[8] & 0xFF) | (head[9] & 0xFF) << 8);
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<ImageHeader> jpeg(DataInputStream rest, byte[] already) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.SequenceInputStream(
                new java.io.ByteArrayInputStream(already), rest));
        while (true) {
            int b = in.readUnsignedByte();
            if (b != 0xFF) {
                continue;
            }
            int marker = in.readUnsignedByte();
            while (marker == 0xFF) {
                marker = in.readUnsignedByte();
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // no length
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return Optional.empty(); // end of image, or scan data before any frame header
            }
            int length = in.readUnsignedShort();
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
                    && marker != 0xCC;
            if (startOfFrame) {
                in.readUnsignedByte(); // precision
                int height = in.readUnsignedShort();
                int width = in.readUnsignedShort();
                return of(width, height);
            }
            in.skipNBytes(length - 2L);
        }
    }

    private static Optional<ImageHeader> webp(DataInputStream in) throws IOException {
        byte[] chunk = new byte[4];
        in.readFully(chunk);
        in.skipNBytes(4); // chunk size
        String kind = new String(chunk, java.nio.charset.StandardCharsets.US_ASCII);
        switch (kind) {
            case "VP8 " -> {
                in.skipNBytes(6); // frame tag and start code
                int w = Short.toUnsignedInt(Short.reverseBytes(in.readShort())) & 0x3FFF;
                int h = Short.toUnsignedInt(Short.reverseBytes(in.readShort())) & 0x3FFF;
                return of(w, h);
            }
            case "VP8L" -> {
                in.skipNBytes(1); // signature 0x2f
                int bits = Integer.reverseBytes(in.readInt());
                return of((bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1);
            }
            case "VP8X" -> {
                in.skipNBytes(4); // flags and reserved
                int w = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
                int h = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
                return of(w + 1, h + 1);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Optional<ImageHeader> of(int width, int height) throws EOFException {
        return width > 0 && height > 0 ? Optional.of(new ImageHeader(width, height)) : Optional.empty();
    }
}
