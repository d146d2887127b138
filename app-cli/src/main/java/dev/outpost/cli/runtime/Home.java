package dev.outpost.cli.runtime;

import dev.outpost.application.OutpostException;
import dev.outpost.application.boot.OutpostConfig;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The data directory: made private (0700, and any parent it makes) when the command line creates it. */
final class Home {
    private Home() {
    }

    /** @throws OutpostException INVALID_INPUT naming OUTPOST_HOME when the directory cannot be made */
    static void create(Path dir) {
        try {
            createPrivate(dir.toAbsolutePath());
        } catch (IOException e) {
            String why = e instanceof AccessDeniedException ? "permission denied on " + e.getMessage()
                    : e instanceof FileAlreadyExistsException ? e.getMessage() + " is a file, not a directory"
                    : e.getMessage();
            throw OutpostException.invalid(OutpostConfig.HOME, "cannot create the data directory " + dir + " ("
                    + why + "); set OUTPOST_HOME to a writable place");
        }
    }

    private static void createPrivate(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createPrivate(parent);
        }
        try {
            if (Files.getFileStore(parent).supportsFileAttributeView("posix")) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(dir)) {
                throw raced;
            }
        }
    }
}
