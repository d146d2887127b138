package dev.outpost.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files of the data directory are the user's alone: directories Outpost creates are 0700 and its files 0600 (on
 * file systems with POSIX permissions; elsewhere the defaults stand). What already exists is left as the user made it.
 */
final class HomeFiles {
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private HomeFiles() {
    }

    /**
     * Creates {@code dir} and any missing parents with mode 0700.
     *
     * @return {@code dir}
     * @throws IOException when it cannot be created, or exists and is not a directory
     */
    static Path createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path absolute = dir.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createPrivateDirectory(parent);
        }
        try {
            Files.createDirectory(absolute, attributes(absolute.getParent(), OWNER_DIRECTORY));
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
        }
        return dir;
    }

    /**
     * Creates {@code file} empty with mode 0600 unless it exists.
     *
     * @return {@code file}
     */
    static Path createPrivateFile(Path file) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createFile(file, attributes(file.toAbsolutePath().getParent(), OWNER_FILE));
        } catch (FileAlreadyExistsException raced) {
            // another process created it meanwhile: theirs has the same mode
        }
        return file;
    }

    /** Sets mode 0600 on {@code file} if it exists and the file system has POSIX permissions; best effort. */
    static void restrict(Path file) {
        try {
            if (Files.exists(file) && posix(file.toAbsolutePath().getParent())) {
                Files.setPosixFilePermissions(file, OWNER_FILE);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not ours to insist on: the directory (0700) already keeps others out
        }
    }

    private static FileAttribute<?>[] attributes(Path parent, Set<PosixFilePermission> mode) throws IOException {
        return posix(parent) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path existingParent) throws IOException {
        return existingParent != null && Files.getFileStore(existingParent).supportsFileAttributeView("posix");
    }
}
