package dev.outpost.cli.it;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Media files made by the tests: real images through ImageIO, and MP4-shaped videos (an ftyp box, then filler). */
final class TestMedia {
    private TestMedia() {
    }

    static Path jpeg(Path dir, String name, int width, int height, long seed) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(noise(width, height, seed), "jpg", file.toFile());
        return file;
    }

    static Path png(Path dir, String name, int width, int height, long seed) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(noise(width, height, seed), "png", file.toFile());
        return file;
    }

    /** An MP4 of {@code size} bytes: a real ftyp box (brand isom) and pseudo-random filler. */
    static Path mp4(Path dir, String name, long size, long seed) throws IOException {
        Path file = dir.resolve(name);
        byte[] block = new byte[1 << 20];
        new Random(seed).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] header = ftyp();
            out.write(header);
            long left = size - header.length;
            long counter = 0;
            while (left > 0) {
                // A different first byte per block, so no two segments are identical.
                block[0] = (byte) counter++;
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                left -= n;
            }
        }
        return file;
    }

    /** An MP4 header followed by a hole: {@code size} bytes on paper, almost nothing on disk. */
    static Path sparseMp4(Path dir, String name, long size) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(ftyp());
            raf.setLength(size);
        }
        return file;
    }

    /** A file that starts with {@code magic} and is {@code size} bytes long. */
    static Path withMagic(Path dir, String name, byte[] magic, long size) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(magic);
            raf.setLength(size);
        }
        return file;
    }

    static byte[] ftyp() {
        byte[] box = new byte[32];
        box[3] = 32;
        System.arraycopy("ftypisom".getBytes(StandardCharsets.ISO_8859_1), 0, box, 4, 8);
        box[14] = 2;
        System.arraycopy("isomiso2avc1mp41".getBytes(StandardCharsets.ISO_8859_1), 0, box, 16, 16);
        return box;
    }

    private static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }
}
