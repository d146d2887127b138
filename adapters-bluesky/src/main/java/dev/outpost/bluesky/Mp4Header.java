package dev.outpost.bluesky;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A video's width and height read from its MP4 boxes (the {@code aspectRatio} of {@code app.bsky.embed.video}), by
 * seeking from box header to box header: only {@code moov} and the boxes inside it are read, never the media data, so
 * a large file costs a few small reads wherever its {@code moov} sits. The first video track ({@code hdlr} type
 * {@code vide}) gives its track header's presentation size, turned a quarter when the track's matrix rotates it (a
 * phone's portrait video); a track header without a size falls back to the sample entry's ({@code avc1}, {@code hvc1}
 * and the other visual entries share the layout). Anything unexpected gives no size: the record then carries none.
 */
final class Mp4Header {
    /** More boxes than any real file's {@code moov} holds: a malformed file cannot keep the walker busy. */
    private static final int MAX_BOXES = 10_000;

    private final FileChannel channel;
    private int boxes;

    private Mp4Header(FileChannel channel) {
        this.channel = channel;
    }

    static Optional<ImageHeader> read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Mp4Header walker = new Mp4Header(channel);
            Optional<Box> moov = walker.findBox(0, channel.size(), "moov");
            return moov.isEmpty() ? Optional.empty() : walker.videoSize(moov.get());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A box: where its content starts and ends, and its type. */
    private record Box(String type, long content, long end) {
    }

    private Box box(long at, long limit) throws IOException {
        if (++boxes > MAX_BOXES || limit - at < 8) {
            return null;
        }
        ByteBuffer head = bytes(at, 8);
        long size = head.getInt() & 0xFFFFFFFFL;
        String type = fourCc(head);
        long content = at + 8;
        if (size == 1) {
            if (limit - at < 16) {
                return null;
            }
            size = bytes(at + 8, 8).getLong();
            content = at + 16;
        } else if (size == 0) {
            size = limit - at; // to the end of its parent (or of the file)
        }
        if (size < content - at || at + size > limit) {
            return null;
        }
        return new Box(type, content, at + size);
    }

    /** The first box of {@code type} among the boxes in {@code [from, to)}. */
    private Optional<Box> findBox(long from, long to, String type) throws IOException {
        long at = from;
        while (true) {
            Box box = box(at, to);
            if (box == null) {
                return Optional.empty();
            }
            if (box.type().equals(type)) {
                return Optional.of(box);
            }
            at = box.end();
        }
    }

    private Optional<ImageHeader> videoSize(Box moov) throws IOException {
        long at = moov.content();
        while (true) {
            Box trak = box(at, moov.end());
            if (trak == null) {
                return Optional.empty();
            }
            if (trak.type().equals("trak")) {
                Optional<ImageHeader> size = trackSize(trak);
                if (size.isPresent()) {
                    return size;
                }
            }
            at = trak.end();
        }
    }

    private Optional<ImageHeader> trackSize(Box trak) throws IOException {
        Optional<Box> mdia = findBox(trak.content(), trak.end(), "mdia");
        if (mdia.isEmpty()) {
            return Optional.empty();
        }
        Optional<Box> hdlr = findBox(mdia.get().content(), mdia.get().end(), "hdlr");
        // hdlr: version and flags (4), pre_defined (4), handler_type (4)
        if (hdlr.isEmpty() || hdlr.get().end() - hdlr.get().content() < 12
                || !fourCc(bytes(hdlr.get().content() + 8, 4)).equals("vide")) {
            return Optional.empty();
        }
        Optional<Box> tkhd = findBox(trak.content(), trak.end(), "tkhd");
        if (tkhd.isPresent()) {
            Optional<ImageHeader> fromHeader = trackHeader(tkhd.get());
            if (fromHeader.isPresent()) {
                return fromHeader;
            }
        }
        return sampleEntry(mdia.get());
    }

    /** tkhd: the matrix (nine 32-bit values) and then width and height in 16.16 fixed point. */
    private Optional<ImageHeader> trackHeader(Box tkhd) throws IOException {
        int version = bytes(tkhd.content(), 1).get() & 0xFF;
        long matrix = tkhd.content() + (version == 1 ? 52 : 40);
        if (matrix + 44 > tkhd.end()) {
            return Optional.empty();
        }
        ByteBuffer tail = bytes(matrix, 44);
        int a = tail.getInt(0);
        int b = tail.getInt(4);
        int c = tail.getInt(12);
        int d = tail.getInt(16);
        long width = (tail.getInt(36) & 0xFFFFFFFFL) >>> 16;
        long height = (tail.getInt(40) & 0xFFFFFFFFL) >>> 16;
        boolean quarterTurn = a == 0 && d == 0 && b != 0 && c != 0;
        return quarterTurn ? size(height, width) : size(width, height);
    }

    /** mdia/minf/stbl/stsd's first entry: a visual sample entry's width and height (16 bits each). */
    private Optional<ImageHeader> sampleEntry(Box mdia) throws IOException {
        Optional<Box> minf = findBox(mdia.content(), mdia.end(), "minf");
        Optional<Box> stbl = minf.isEmpty() ? Optional.empty() : findBox(minf.get().content(), minf.get().end(),
                "stbl");
        Optional<Box> stsd = stbl.isEmpty() ? Optional.empty() : findBox(stbl.get().content(), stbl.get().end(),
                "stsd");
        if (stsd.isEmpty()) {
            return Optional.empty();
        }
        // stsd: version and flags (4), entry count (4), then the entries, each a box.
        Box entry = box(stsd.get().content() + 8, stsd.get().end());
        // A visual sample entry: reserved (6), data reference index (2), pre-defined and reserved (16), width, height.
        if (entry == null || entry.end() - entry.content() < 28) {
            return Optional.empty();
        }
        ByteBuffer sides = bytes(entry.content() + 24, 4);
        return size(sides.getShort() & 0xFFFF, sides.getShort() & 0xFFFF);
    }

    private static Optional<ImageHeader> size(long width, long height) {
        return width > 0 && height > 0 && width <= Integer.MAX_VALUE && height <= Integer.MAX_VALUE
                ? Optional.of(new ImageHeader((int) width, (int) height)) : Optional.empty();
    }

    private ByteBuffer bytes(long at, int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                throw new IOException("the file ends inside a box");
            }
        }
        return buffer.flip();
    }

    private static String fourCc(ByteBuffer buffer) {
        byte[] type = new byte[4];
        buffer.get(type);
        return new String(type, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
