package dev.outpost.web;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body part by part, straight from the request stream: each part's body is an
 * {@link InputStream} that ends at the next boundary, so a caller can stop (and refuse) a file as soon as it grows
 * past a cap, without the rest ever being read or buffered. Not thread-safe; one request, one reader.
 */
final class MultipartStream {
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADER_LINES = 32;
    private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("(?:^|;)\\s*filename=\"([^\"]*)\"",
            Pattern.CASE_INSENSITIVE);

    /** One part: its form name, the client's file name (null for plain fields), and its body up to the boundary. */
    record Part(String name, String fileName, InputStream body) {
        boolean isFile() {
            return fileName != null;
        }
    }

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private boolean eof;
    private boolean finished;
    private Body current;

    MultipartStream(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("the multipart boundary is missing or longer than 70 characters");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The first boundary has no CRLF before it; pretend it has, so every boundary looks the same.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
        current = new Body(); // the preamble, skipped by the first next()
    }

    /** The boundary parameter of a {@code multipart/form-data} content type, or null. */
    static String boundaryOf(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        Matcher m = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE)
                .matcher(contentType);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }

    /** Skips what is left of the current part and returns the next, or empty after the closing boundary. */
    Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        current.transferTo(java.io.OutputStream.nullOutputStream());
        fill(2);
        if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return Optional.empty();
        }
        readLine(); // the rest of the boundary line (normally empty)
        String name = null;
        String fileName = null;
        for (int i = 0; ; i++) {
            if (i > MAX_HEADER_LINES) {
                throw new MalformedMultipart("a part has too many header lines");
            }
            String line = readLine();
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
                String value = line.substring(colon + 1);
                Matcher n = NAME.matcher(value);
                name = n.find() ? n.group(1) : null;
                Matcher f = FILENAME.matcher(value);
                fileName = f.find() ? f.group(1) : null;
            }
        }
        if (name == null) {
            throw new MalformedMultipart("a part has no form field name");
        }
        current = new Body();
        return Optional.of(new Part(name, fileName, current));
    }

    /** Reads a plain field's value, refusing more than {@code maxBytes}. */
    static String text(Part part, int maxBytes) throws IOException {
        byte[] bytes = part.body().readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new MalformedMultipart("the field " + part.name() + " is longer than " + maxBytes + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The body is not the multipart the headers announced. */
    static final class MalformedMultipart extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedMultipart(String message) {
            super(message);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            fill(1);
            if (pos >= lim) {
                throw new EOFException("the multipart body ended inside a part's headers");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            line.write(b);
            if (line.size() > MAX_HEADER_LINE) {
                throw new MalformedMultipart("a part's header line is longer than " + MAX_HEADER_LINE + " bytes");
            }
        }
    }

    /** Makes at least {@code need} bytes available from {@code pos}, unless the stream ends first. */
    private void fill(int need) throws IOException {
        if (lim - pos >= need || eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim < need && !eof) {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                eof = true;
            } else {
                lim += n;
            }
        }
    }

    private int indexOfDelimiter() {
        outer:
        for (int i = pos; i + delimiter.length <= lim; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** One part's bytes, up to (not including) the next delimiter. */
    private final class Body extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] out, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            // Enough bytes to see a whole delimiter, or a full buffer.
            fill(Math.min(buf.length, Math.max(delimiter.length, Math.min(len, buf.length / 2)) + delimiter.length));
            int at = indexOfDelimiter();
            if (at == pos) {
                done = true;
                pos += delimiter.length;
                return -1;
            }
            int safe;
            if (at > pos) {
                safe = at - pos;
            } else if (eof) {
                throw new EOFException("the multipart body ended without its closing boundary");
            } else {
                safe = lim - pos - (delimiter.length - 1);
            }
            int n = Math.min(len, safe);
            System.arraycopy(buf, pos, out, off, n);
            pos += n;
            return n;
        }
    }
}
