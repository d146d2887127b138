package dev.outpost.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The web app's own files and folders are its user's alone: folders 0700, files 0600 (uploads, the admin password
 * hash, the sandbox's folder), whatever the umask, as the data directory's other files are. On a file system
 * without POSIX permissions nothing is changed.
 */
final class PrivateFiles {
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** Creates the folder (and missing parents, each private); an existing folder is made private too. */
    static Path folder(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        if (absolute.getParent() != null && !Files.isDirectory(absolute.getParent())) {
            folder(absolute.getParent());
        }
        if (!Files.isDirectory(absolute)) {
            Files.createDirectories(absolute);
        }
        restrict(absolute, FOLDER);
        return folder;
    }

    /** A new (or emptied) file for writing, private before the first byte lands in it. */
    static OutputStream create(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        restrict(file, FILE);
        return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static void writeString(Path file, String text) throws IOException {
        try (OutputStream out = create(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
