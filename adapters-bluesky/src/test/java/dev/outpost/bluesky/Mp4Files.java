package dev.outpost.bluesky;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * MP4 files built box by box for tests: {@code ftyp}, then {@code mdat} (the media bytes, before {@code moov} as a
 * camera writes them), then {@code moov} with a sound track and a video track ({@code tkhd} and an {@code avc1} sample
 * entry). Not playable, but laid out as the ISO base media file format says.
 */
final class Mp4Files {
    private Mp4Files() {
    }

    /**
     * @param trackWidth the track header's width (0 leaves the size to the sample entry)
     * @param quarterTurn whether the track's matrix turns it 90 degrees
     * @param mediaBytes how many bytes of media data come before {@code moov}
     */
    static Path write(Path dir, String name, int trackWidth, int trackHeight, int entryWidth, int entryHeight,
            boolean quarterTurn, long mediaBytes) {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(box("ftyp", "isom".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 0, 2, 0},
                    "isomiso2avc1mp41".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer mdatHead = ByteBuffer.allocate(8).putInt((int) (8 + mediaBytes)).put(ascii("mdat"));
            out.write(mdatHead.array());
            byte[] block = new byte[64 * 1024];
            new Random(7).nextBytes(block);
            for (long left = mediaBytes; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
            byte[] sound = box("trak", tkhd(0, 0, false), box("mdia", hdlr("soun")));
            byte[] video = box("trak", tkhd(trackWidth, trackHeight, quarterTurn), box("mdia", hdlr("vide"),
                    box("minf", box("stbl", box("stsd", new byte[] {0, 0, 0, 0, 0, 0, 0, 1},
                            avc1(entryWidth, entryHeight))))));
            out.write(box("moov", box("mvhd", new byte[100]), sound, video));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static byte[] tkhd(int width, int height, boolean quarterTurn) {
        ByteBuffer content = ByteBuffer.allocate(84);
        content.putInt(0x00000003); // version 0, flags: enabled, in movie
        content.putInt(0).putInt(0).putInt(1).putInt(0).putInt(1000); // times, track id, reserved, duration
        content.putLong(0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        int one = 0x00010000;
        int[] matrix = quarterTurn ? new int[] {0, one, 0, -one, 0, 0, 0, 0, 0x40000000}
                : new int[] {one, 0, 0, 0, one, 0, 0, 0, 0x40000000};
        for (int value : matrix) {
            content.putInt(value);
        }
        content.putInt(width << 16).putInt(height << 16);
        return box("tkhd", content.array());
    }

    private static byte[] hdlr(String type) {
        ByteBuffer content = ByteBuffer.allocate(25);
        content.putInt(0).putInt(0).put(ascii(type)).putInt(0).putInt(0).putInt(0).put((byte) 0);
        return box("hdlr", content.array());
    }

    private static byte[] avc1(int width, int height) {
        ByteBuffer content = ByteBuffer.allocate(78);
        content.put(new byte[6]).putShort((short) 1).put(new byte[16]).putShort((short) width)
                .putShort((short) height);
        return box("avc1", content.array());
    }

    static byte[] box(String type, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        return ByteBuffer.allocate(8 + body.size()).putInt(8 + body.size()).put(ascii(type)).put(body.toByteArray())
                .array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
