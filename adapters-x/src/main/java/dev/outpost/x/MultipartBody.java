package dev.outpost.x;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@code multipart/form-data} body of text fields and one {@code media} part holding a byte range of a file. The
 * range is read straight into the body array with positional reads, so a segment costs its own size in memory once,
 * whatever the size of the file; {@link #mediaStart()} and {@link #mediaEnd()} locate it for progress reports.
 */
final class MultipartBody {
    private final String boundary;
    private final byte[] bytes;
    private final int mediaStart;
    private final int mediaEnd;

    private MultipartBody(String boundary, byte[] bytes, int mediaStart, int mediaEnd) {
        this.boundary = boundary;
        this.bytes = bytes;
        this.mediaStart = mediaStart;
        this.mediaEnd = mediaEnd;
    }

    /**
     * @param fields text parts, sent before the media part
     * @param file where the media bytes are read from
     * @param offset first byte of the range
     * @param length bytes in the range
     * @throws UncheckedIOException when the file cannot be read or is shorter than the range
     */
    static MultipartBody of(Map<String, String> fields, Path file, long offset, long length) {
        if (length > Integer.MAX_VALUE - 4096) {
            throw new IllegalArgumentException("one request carries at most 2 GB of media, not " + length);
        }
        String boundary = "outpost-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(head, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        write(head, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n");
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        int start = head.size();
        byte[] body = new byte[start + (int) length + tail.length];
        System.arraycopy(head.toByteArray(), 0, body, 0, start);
        readRange(file, offset, body, start, (int) length);
        System.arraycopy(tail, 0, body, start + (int) length, tail.length);
        return new MultipartBody(boundary, body, start, start + (int) length);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
        return bytes;
    }

    int mediaStart() {
        return mediaStart;
    }

    int mediaEnd() {
        return mediaEnd;
    }

    private static void readRange(Path file, long offset, byte[] into, int at, int length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.wrap(into, at, length);
            long position = offset;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new EOFException(file.getFileName() + " ended at byte " + position + ", before byte "
                            + (offset + length) + ": it changed since it was inspected");
                }
                position += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "MultipartBody[" + bytes.length + " bytes]";
    }
}
