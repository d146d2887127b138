package dev.outpost.blueskysandbox;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Content ids as the AT Protocol writes them: CIDv1, SHA-256, base32 lower case with the {@code b} prefix; {@code raw}
 * (0x55, "bafkrei…") for blobs, {@code dag-cbor} (0x71, "bafyrei…") for records (hashed here over their JSON, which
 * gives the same shape and the same "same content, same id" rule).
 */
final class Cids {
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private Cids() {
    }

    static String raw(byte[] sha256) {
        return cid(0x55, sha256);
    }

    static String dagCbor(byte[] content) {
        return cid(0x71, sha256(content));
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cid(int codec, byte[] digest) {
        byte[] bytes = new byte[4 + digest.length];
        bytes[0] = 0x01;
        bytes[1] = (byte) codec;
        bytes[2] = 0x12;
        bytes[3] = 0x20;
        System.arraycopy(digest, 0, bytes, 4, digest.length);
        StringBuilder out = new StringBuilder("b");
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
