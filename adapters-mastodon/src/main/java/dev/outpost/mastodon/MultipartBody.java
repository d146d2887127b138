package dev.outpost.mastodon;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@code multipart/form-data} body of text fields and one {@code file} part holding a whole file. Only the few
 * hundred bytes around the file are held in memory: {@link #open} streams the file with positional reads as the
 * connection takes it, so an upload costs a small buffer whatever the size of the video.
 */
final class MultipartBody {
    private final String boundary;
    private final byte[] head;
    private final byte[] tail;
    private final Path file;
    private final long length;

    private MultipartBody(String boundary, byte[] head, byte[] tail, Path file, long length) {
        this.boundary = boundary;
        this.head = head;
        this.tail = tail;
        this.file = file;
        this.length = length;
    }

    /**
     * @param fields text parts, sent before the file (values are UTF-8)
     * @param file where the bytes are read from
     * @param fileName the name the part gives the server (never the user's own file name)
     * @param contentType the file's media type
     * @throws UncheckedIOException when the file cannot be read
     */
    static MultipartBody of(Map<String, String> fields, Path file, String fileName, String contentType) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.getFileName() + ": " + e.getMessage(), e);
        }
        String boundary = "outpost-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(head, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        write(head, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        return new MultipartBody(boundary, head.toByteArray(), tail, file, size);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** Bytes of the whole body. */
    long length() {
        return head.length + length + tail.length;
    }

    /**
     * A fresh stream of the whole body; the file is opened on the first read of its bytes and closed at their end or
     * by {@link InputStream#close}. A file that ends early fails the read with a {@link FileChangedException}.
     */
    InputStream open() {
        return new BodyStream();
    }

    /** The file ended before the length it had when the body was made: it changed meanwhile. */
    static final class FileChangedException extends EOFException {
        private static final long serialVersionUID = 1L;

        FileChangedException(String message) {
            super(message);
        }
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "MultipartBody[" + length() + " bytes, file " + file.getFileName() + "]";
    }

    /** Head, then the file, then tail; one pass, no buffering beyond what the reader passes in. */
    private final class BodyStream extends InputStream {
        private long position;
        private FileChannel channel;
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("the body of this request was already closed");
            }
            if (len == 0) {
                return 0;
            }
            long fileEnd = head.length + length;
            if (position < head.length) {
                int n = (int) Math.min(len, head.length - position);
                System.arraycopy(head, (int) position, b, off, n);
                position += n;
                return n;
            }
            if (position < fileEnd) {
                if (channel == null) {
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                }
                int want = (int) Math.min(len, fileEnd - position);
                long at = position - head.length;
                int n = channel.read(ByteBuffer.wrap(b, off, want), at);
                if (n < 0) {
                    close();
                    throw new FileChangedException(file.getFileName() + " ended at byte " + at + ", before byte "
                            + length + ": it changed since it was inspected");
                }
                position += n;
                if (position == fileEnd) {
                    closeChannel();
                }
                return n;
            }
            long tailAt = position - fileEnd;
            if (tailAt >= tail.length) {
                return -1;
            }
            int n = (int) Math.min(len, tail.length - tailAt);
            System.arraycopy(tail, (int) tailAt, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            closeChannel();
        }

        private void closeChannel() throws IOException {
            if (channel != null) {
                FileChannel c = channel;
                channel = null;
                c.close();
            }
        }
    }
}
