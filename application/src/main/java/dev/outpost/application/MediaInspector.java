package dev.outpost.application;

import dev.outpost.domain.media.FileFingerprint;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Looks at a local file the user wants to attach: exists, readable, not empty, a media type recognised from its
 * content, and its fingerprint for resuming. Streams the file once; memory stays small whatever its size.
 */
public final class MediaInspector {
    private static final int HASH_BUFFER = 256 * 1024;

    /**
     * @param field the field to name in a problem, such as {@code media[1]}
     * @throws OutpostException INVALID_INPUT with one problem naming the field and the file
     */
    public MediaFile inspect(Path file, String field) {
        return look(file, field, true);
    }

    /**
     * Like {@link #inspect}, but reads only the first bytes, not the whole file: for media sent once whose upload is
     * never resumed (its fingerprint is {@link FileFingerprint#unhashed}), such as {@code outpost upload}'s.
     */
    public MediaFile identify(Path file, String field) {
        return look(file, field, false);
    }

    private MediaFile look(Path file, String field, boolean hash) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw OutpostException.invalid(field, name + " is a directory; give a media file");
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw OutpostException.invalid(field, name + " is empty; give a file with content");
            }
            var modified = Files.getLastModifiedTime(file).toInstant();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(MediaType.SNIFF_LENGTH);
                if (hash) {
                    sha256.update(head);
                    // Large reads: a 50 MB video is hashed in a few hundred system calls, not thousands.
                    byte[] buffer = new byte[HASH_BUFFER];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        sha256.update(buffer, 0, n);
                    }
                }
            }
            MediaType type = MediaType.sniff(head).orElseThrow(() -> OutpostException.invalid(field, name
                    + " is not a supported image or video (its content is none of JPEG, PNG, WEBP, GIF, MP4,"
                    + " MOV or WebM, whatever its name says)"));
            return new MediaFile(file, type, hash
                    ? new FileFingerprint(size, modified, HexFormat.of().formatHex(sha256.digest()))
                    : FileFingerprint.unhashed(size, modified));
        } catch (NoSuchFileException e) {
            throw OutpostException.invalid(field, name + " does not exist; check the path");
        } catch (AccessDeniedException e) {
            throw OutpostException.invalid(field, name + " cannot be read (permission denied); check its"
                    + " permissions");
        } catch (IOException e) {
            throw OutpostException.invalid(field, name + " cannot be read (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The file as it is now: {@code known} itself when its size and modification time are unchanged (no second pass
     * over a large file), else a fresh inspection, whose new fingerprint makes an interrupted upload start over.
     */
    public MediaFile current(MediaFile known, String field) {
        try {
            if (Files.size(known.path()) == known.size()
                    && Files.getLastModifiedTime(known.path()).toInstant().equals(known.fingerprint().modifiedAt())) {
                return known;
            }
        } catch (IOException e) {
            // Missing or unreadable now: the full inspection says so in the user's terms.
        }
        return inspect(known.path(), field);
    }
}
