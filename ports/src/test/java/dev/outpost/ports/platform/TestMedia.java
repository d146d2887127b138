package dev.outpost.ports.platform;

import dev.outpost.domain.media.FileFingerprint;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Makes media files for tests: real, decodable JPEG and PNG images, and MP4-shaped files (an {@code ftyp} box and one
 * {@code mdat} box of pseudo-random bytes) of any size, written in blocks so a large one never sits in memory.
 */
public final class TestMedia {
    private TestMedia() {
    }

    /** A real JPEG of {@code width}×{@code height} noise; a few KB for small sizes. */
    public static MediaFile jpeg(Path dir, String name, int width, int height) {
        return image(dir, name, width, height, "jpg", MediaType.JPEG);
    }

    /** A real PNG of {@code width}×{@code height} noise (noise does not compress: about 3 bytes per pixel). */
    public static MediaFile png(Path dir, String name, int width, int height) {
        return image(dir, name, width, height, "png", MediaType.PNG);
    }

    /** An MP4-shaped file of exactly {@code size} bytes (at least 36); the same seed gives the same bytes. */
    public static MediaFile mp4(Path dir, String name, long size, long seed) {
        if (size < 36) {
            throw new IllegalArgumentException("an MP4-shaped file needs at least 36 bytes");
        }
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer head = ByteBuffer.allocate(36);
            head.putInt(28).put("ftypisom".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0x200)
                    .put("isomiso2mp41".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            long mdat = size - 28;
            head.putInt(mdat > Integer.MAX_VALUE ? 1 : (int) mdat).put("mdat".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            out.write(head.array());
            Random random = new Random(seed);
            byte[] block = new byte[64 * 1024];
            long left = size - 36;
            while (left > 0) {
                random.nextBytes(block);
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inspect(file, MediaType.MP4);
    }

    /** Builds the {@link MediaFile} of an existing file, hashing it in blocks. */
    public static MediaFile inspect(Path file, MediaType type) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file);
                    var sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                in.transferTo(sink);
            }
            return new MediaFile(file, type, new FileFingerprint(Files.size(file),
                    Files.getLastModifiedTime(file).toInstant(), HexFormat.of().formatHex(sha.digest())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MediaFile image(Path dir, String name, int width, int height, String format, MediaType type) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(name.hashCode());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        Path file = dir.resolve(name);
        try {
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inspect(file, type);
    }
}
