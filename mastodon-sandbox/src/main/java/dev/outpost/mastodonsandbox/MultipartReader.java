package dev.outpost.mastodonsandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a multipart/form-data body part by part as streams, so a segment of any size passes
 * through a fixed 64 KiB buffer and is never held in memory. Parts may come in any order; each
 * part's stream must be read (or is skipped) before asking for the next.
 */
final class MultipartReader {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|[^;\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAM = Pattern.compile(";\\s*([A-Za-z*]+)=(\"([^\"]*)\"|[^;]*)");
    private static final int MAX_HEADER_LINE = 8192;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private PartStream current;
    private boolean finished;

    /** A part: its form name, its filename when it had one, its content type, and its bytes. */
    record Part(String name, String filename, String contentType, InputStream body) {
    }

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[64 * 1024 + delimiter.length];
        // the first boundary has no CRLF before it: pretend it had one so one search finds them all
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
        current = new PartStream(); // the preamble, skipped by the first next()
    }

    static Optional<String> boundaryOf(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        Matcher m = BOUNDARY.matcher(contentType);
        return m.find() ? Optional.of(m.group(2) != null ? m.group(2) : m.group(1)) : Optional.empty();
    }

    Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        current.skipRest();
        pos += delimiter.length;
        fillAtLeast(2);
        if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return Optional.empty();
        }
        readLine(); // the rest of the boundary line
        String name = null;
        String filename = null;
        String contentType = null;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (header.equals("content-disposition")) {
                Matcher m = PARAM.matcher(value);
                while (m.find()) {
                    String v = m.group(3) != null ? m.group(3) : m.group(2).trim();
                    switch (m.group(1).toLowerCase(Locale.ROOT)) {
                        case "name" -> name = v;
                        case "filename" -> filename = v;
                        default -> { }
                    }
                }
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        current = new PartStream();
        return Optional.of(new Part(name, filename, contentType, current));
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            fillAtLeast(1);
            if (pos >= lim) {
                throw new IOException("multipart body ended inside part headers");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int len = line.length();
                return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
            }
            if (line.length() >= MAX_HEADER_LINE) {
                throw new IOException("multipart header line too long");
            }
            line.append((char) (b & 0xff));
        }
    }

    private void fillAtLeast(int wanted) throws IOException {
        if (lim - pos >= wanted || eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < wanted && !eof) {
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
        for (int i = pos, last = lim - delimiter.length; i <= last; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The bytes of one part, ending where the next delimiter starts. */
    private final class PartStream extends InputStream {
        private boolean done;
        /** Bytes from {@code pos} already known to hold no delimiter, so they need no new search. */
        private int clearBytes;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (clearBytes == 0) {
                fillAtLeast(delimiter.length + 1);
                int at = indexOfDelimiter();
                if (at == pos) {
                    done = true;
                    return -1;
                }
                // bytes before a delimiter, or before a possible delimiter prefix at the end, are part data
                clearBytes = Math.max(0, at >= 0 ? at - pos : lim - pos - (delimiter.length - 1));
                if (clearBytes == 0) {
                    if (eof) {
                        throw new IOException("multipart body ended before its closing boundary");
                    }
                    fillAtLeast(lim - pos + 1);
                }
            }
            int n = Math.min(len, clearBytes);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            clearBytes -= n;
            return n;
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }
    }
}
