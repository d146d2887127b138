package dev.outpost.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The data directory and what the web app writes in it are its user's alone: directories it creates are 0700 and
 * the files it receives 0600 (where the file system has POSIX permissions). What exists already is left as it is.
 */
final class PrivateFiles {
    private PrivateFiles() {
    }

    /** Creates {@code dir} and any missing parent with mode 0700. */
    static Path directory(Path dir) {
        Path absolute = dir.toAbsolutePath();
        try {
            if (!Files.isDirectory(absolute)) {
                if (absolute.getParent() != null) {
                    directory(absolute.getParent());
                }
                try {
                    Files.createDirectory(absolute, mode(absolute.getParent(), "rwx------"));
                } catch (FileAlreadyExistsException raced) {
                    if (!Files.isDirectory(absolute)) {
                        throw raced;
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + dir + " (" + e.getMessage() + ")", e);
        }
    }

    /** Creates the empty file {@code file} with mode 0600; fails if it exists. */
    static Path newFile(Path file) throws IOException {
        return Files.createFile(file, mode(file.toAbsolutePath().getParent(), "rw-------"));
    }

    private static FileAttribute<?>[] mode(Path existingParent, String mode) throws IOException {
        return existingParent != null && Files.getFileStore(existingParent).supportsFileAttributeView("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))}
                : new FileAttribute<?>[0];
    }
}
