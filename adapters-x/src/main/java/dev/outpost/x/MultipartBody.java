package dev.outpost.x;

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
 * A {@code multipart/form-data} body of text fields and one {@code media} part holding a byte range of a file. Only
 * the few hundred bytes around the media are held in memory: {@link #open} streams the range from the file with
 * positional reads as the connection takes it, so a request costs a small buffer whatever the size of its segment.
 */
final class MultipartBody {
    private final String boundary;
    private final byte[] head;
    private final byte[] tail;
    private final Path file;
    private final long offset;
    private final long length;

    private MultipartBody(String boundary, byte[] head, byte[] tail, Path file, long offset, long length) {
        this.boundary = boundary;
        this.head = head;
        this.tail = tail;
        this.file = file;
        this.offset = offset;
        this.length = length;
    }

    /**
     * @param fields text parts, sent before the media part
     * @param file where the media bytes are read from
     * @param offset first byte of the range
     * @param length bytes in the range
     * @throws UncheckedIOException when the file cannot be read or is shorter than the range
     */
    static MultipartBody of(Map<String, String> fields, Path file, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("a byte range starts and lasts at least 0, not " + offset + "+" + length);
        }
        try {
            long size = Files.size(file);
            if (size < offset + length) {
                throw new UncheckedIOException(changed(file, size, offset + length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.getFileName() + ": " + e.getMessage(), e);
        }
        String boundary = "outpost-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(head, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        write(head, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n");
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        return new MultipartBody(boundary, head.toByteArray(), tail, file, offset, length);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** Bytes of the whole body: head, media range and tail. */
    long length() {
        return head.length + length + tail.length;
    }

    /** Where the media bytes start within the body. */
    long mediaStart() {
        return head.length;
    }

    /** Where the media bytes end within the body (exclusive). */
    long mediaEnd() {
        return head.length + length;
    }

    /**
     * A fresh stream of the whole body; the file is opened on the first read of the media and closed at its end or by
     * {@link InputStream#close}. A file that ends before the range does fails the read with a
     * {@link FileChangedException}.
     */
    InputStream open() {
        return new BodyStream();
    }

    /** The file ended before the range did: it changed after Outpost inspected it. */
    static final class FileChangedException extends EOFException {
        private static final long serialVersionUID = 1L;

        FileChangedException(String message) {
            super(message);
        }
    }

    private static FileChangedException changed(Path file, long endedAt, long needed) {
        return new FileChangedException(file.getFileName() + " ended at byte " + endedAt + ", before byte " + needed
                + ": it changed since it was inspected");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "MultipartBody[" + length() + " bytes, media " + file.getFileName() + " @" + offset + "+" + length + "]";
    }

    /** Head, then the file range, then tail; one pass, no buffering beyond what the reader passes in. */
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
            long mediaEnd = mediaEnd();
            if (position < head.length) {
                int n = (int) Math.min(len, head.length - position);
                System.arraycopy(head, (int) position, b, off, n);
                position += n;
                return n;
            }
            if (position < mediaEnd) {
                if (channel == null) {
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                }
                int want = (int) Math.min(len, mediaEnd - position);
                long at = offset + (position - head.length);
                int n = channel.read(ByteBuffer.wrap(b, off, want), at);
                if (n < 0) {
                    close();
                    throw changed(file, at, offset + length);
                }
                position += n;
                if (position == mediaEnd) {
                    closeChannel();
                }
                return n;
            }
            long tailAt = position - mediaEnd;
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
