package dev.outpost.mastodonsandbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/** Bytes that look like media to the server: a PNG, a GIF and an MP4 of any size. */
final class Media {
    private Media() {
    }

    static byte[] png(int size) {
        byte[] bytes = random(size, 1);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, bytes, 0, 8);
        return bytes;
    }

    static byte[] gif(int size) {
        byte[] bytes = random(size, 2);
        System.arraycopy("GIF89a".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 6);
        return bytes;
    }

    static byte[] mp4(int size) {
        byte[] bytes = random(size, 3);
        ByteBuffer.wrap(bytes).putInt(28).put("ftypisom".getBytes(StandardCharsets.US_ASCII));
        return bytes;
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
