package dev.outpost.domain.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sniffs small real files the test writes. Every file carries a misleading extension: the type must come from the
 * bytes alone.
 */
class MediaTypeSniffTest {
    @TempDir
    Path dir;

    @Test
    void jpegWrittenByImageIo() throws IOException {
        Path file = image("photo.png", "jpg", BufferedImage.TYPE_INT_RGB);

        assertThat(sniff(file)).contains(MediaType.JPEG);
        assertThat(MediaType.JPEG.kind()).isEqualTo(MediaKind.IMAGE);
    }

    @Test
    void pngWrittenByImageIo() throws IOException {
        assertThat(sniff(image("photo.jpg", "png", BufferedImage.TYPE_INT_ARGB))).contains(MediaType.PNG);
    }

    @Test
    void gifWrittenByImageIoIsItsOwnKind() throws IOException {
        Optional<MediaType> type = sniff(image("anim.mp4", "gif", BufferedImage.TYPE_BYTE_INDEXED));

        assertThat(type).contains(MediaType.GIF);
        assertThat(type.get().kind()).isEqualTo(MediaKind.GIF);
    }

    @Test
    void webpRiffHeader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("RIFF"));
        out.writeBytes(le32(4 + 8 + 10));
        out.writeBytes(ascii("WEBP"));
        out.writeBytes(ascii("VP8 "));
        out.writeBytes(le32(10));
        out.writeBytes(new byte[] {0x30, 0x01, 0x00, (byte) 0x9d, 0x01, 0x2a, 0x01, 0x00, 0x01, 0x00});

        assertThat(sniff(write("image.gif", out.toByteArray()))).contains(MediaType.WEBP);
    }

    @Test
    void riffThatIsNotWebpIsRefused() throws IOException {
        byte[] wave = concat(ascii("RIFF"), le32(36), ascii("WAVEfmt "), new byte[16]);

        assertThat(sniff(write("sound.webp", wave))).isEmpty();
    }

    @Test
    void mp4WithAnIsomBrand() throws IOException {
        Path file = write("clip.mov", concat(ftyp("isom", "isom", "iso2", "avc1", "mp41"), box("free", new byte[8])));

        assertThat(sniff(file)).contains(MediaType.MP4);
        assertThat(MediaType.MP4.kind()).isEqualTo(MediaKind.VIDEO);
    }

    @Test
    void movWithAQuickTimeBrand() throws IOException {
        Path file = write("clip.mp4", concat(ftyp("qt  ", "qt  "), box("wide", new byte[0])));

        assertThat(sniff(file)).contains(MediaType.MOV);
        assertThat(MediaType.MOV.mimeType()).isEqualTo("video/quicktime");
    }

    @Test
    void heicAndM4aShareTheFtypBoxButAreNotVideos() throws IOException {
        // Regression: any ftyp box used to be taken for MP4, so an iPhone photo was uploaded as a video.
        assertThat(sniff(write("photo.mp4", ftyp("heic", "mif1", "heic")))).isEmpty();
        assertThat(sniff(write("song.mp4", ftyp("M4A ", "M4A ", "mp42", "isom")))).isEmpty();
    }

    @Test
    void webmEbmlHeader() throws IOException {
        assertThat(sniff(write("clip.mkv", ebml("webm")))).contains(MediaType.WEBM);
    }

    @Test
    void matroskaThatIsNotWebmIsRefused() throws IOException {
        assertThat(sniff(write("clip.webm", ebml("matroska")))).isEmpty();
    }

    @Test
    void elfExecutableRenamedToJpgIsRefused() throws IOException {
        byte[] header = new byte[64];
        byte[] ident = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0};
        System.arraycopy(ident, 0, header, 0, ident.length);
        header[16] = 2; // ET_EXEC
        header[18] = 0x3E; // x86-64

        assertThat(sniff(write("cat.jpg", header))).isEmpty();
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        assertThat(sniff(write("empty.png", new byte[0]))).isEmpty();
    }

    @Test
    void textFileIsRefused() throws IOException {
        assertThat(sniff(write("notes.gif", ascii("GIF is a format; this is a note about it.\n")))).isEmpty();
    }

    @Test
    void aTruncatedSignatureIsRefused() throws IOException {
        assertThat(sniff(write("short.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}))).isEmpty();
        assertThat(sniff(write("short.mp4", concat(be32(12), ascii("ftyp"))))).isEmpty();
    }

    @Property(tries = 300)
    void arbitraryBytesAreNamedOnlyByTheirOwnSignature(@ForAll @Size(max = 80) byte[] head) {
        Optional<MediaType> type = MediaType.sniff(head);

        type.ifPresent(t -> assertThat(hasSignatureOf(t, head)).as("%s for %s", t, java.util.Arrays.toString(head))
                .isTrue());
    }

    @Property(tries = 200)
    void aRecognisedHeadStaysRecognisedWhateverFollows(@ForAll @Size(max = 40) byte[] tail) throws IOException {
        // jqwik does not inject @TempDir, so this image stays in memory.
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", encoded);
        byte[] png = encoded.toByteArray();
        byte[] head = java.util.Arrays.copyOf(concat(java.util.Arrays.copyOf(png, 8), tail), MediaType.SNIFF_LENGTH);

        assertThat(MediaType.sniff(head)).contains(MediaType.PNG);
    }

    private static boolean hasSignatureOf(MediaType type, byte[] b) {
        switch (type) {
            case JPEG:
                return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
            case PNG:
                return b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
            case GIF:
                return b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8';
            case WEBP:
                return b.length >= 12 && b[0] == 'R' && b[8] == 'W' && b[11] == 'P';
            case MP4:
            case MOV:
                return b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p';
            case WEBM:
                return b.length >= 8 && b[0] == 0x1A && b[1] == 0x45 && (b[2] & 0xFF) == 0xDF;
            default:
                return false;
        }
    }

    private Optional<MediaType> sniff(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return MediaType.sniff(in.readNBytes(MediaType.SNIFF_LENGTH));
        }
    }

    private Path image(String name, String format, int type) throws IOException {
        BufferedImage image = new BufferedImage(4, 3, type);
        image.setRGB(1, 1, Color.ORANGE.getRGB());
        Path file = dir.resolve(name);
        assertThat(ImageIO.write(image, format, file.toFile())).as("an ImageIO writer for %s", format).isTrue();
        return file;
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] ftyp(String major, String... compatible) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii(major));
        body.writeBytes(new byte[] {0, 0, 2, 0});
        for (String brand : compatible) {
            body.writeBytes(ascii(brand));
        }
        return box("ftyp", body.toByteArray());
    }

    private static byte[] box(String type, byte[] body) {
        return concat(be32(8 + body.length), ascii(type), body);
    }

    /** An EBML header as muxers write it: version elements, then DocType and its versions. */
    private static byte[] ebml(String docType) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x42, (byte) 0x86, (byte) 0x81, 0x01}); // EBMLVersion 1
        body.writeBytes(new byte[] {0x42, (byte) 0xF7, (byte) 0x81, 0x01}); // EBMLReadVersion 1
        body.writeBytes(new byte[] {0x42, (byte) 0xF2, (byte) 0x81, 0x04}); // EBMLMaxIDLength 4
        body.writeBytes(new byte[] {0x42, (byte) 0xF3, (byte) 0x81, 0x08}); // EBMLMaxSizeLength 8
        body.writeBytes(new byte[] {0x42, (byte) 0x82, (byte) (0x80 | docType.length())});
        body.writeBytes(ascii(docType));
        body.writeBytes(new byte[] {0x42, (byte) 0x87, (byte) 0x81, 0x04}); // DocTypeVersion 4
        body.writeBytes(new byte[] {0x42, (byte) 0x85, (byte) 0x81, 0x02}); // DocTypeReadVersion 2
        byte[] payload = body.toByteArray();
        byte[] segmentStart = {0x18, 0x53, (byte) 0x80, 0x67, 0x01, 0, 0, 0, 0, 0, 0, 0};
        return concat(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) (0x80 | payload.length)}, payload,
                segmentStart);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static byte[] be32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
