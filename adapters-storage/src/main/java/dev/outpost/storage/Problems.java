package dev.outpost.storage;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Failures of files and databases in the words a person fixes them by, for the one line the apps print. */
final class Problems {
    private Problems() {
    }

    /** What went wrong with a file, such as "permission denied on /home/me/.outpost". */
    static String describe(java.io.IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile() + " (check its owner and permissions)";
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        if (e instanceof FileSystemException fs) {
            String reason = fs.getReason() == null ? "" : fs.getReason();
            if (diskFull(reason)) {
                return "the disk is full (" + fs.getFile() + ")";
            }
            if (reason.toLowerCase(Locale.ROOT).contains("read-only")) {
                return "the file system is read-only (" + fs.getFile() + ")";
            }
            return (reason.isEmpty() ? fs.getClass().getSimpleName() : reason) + " (" + fs.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** What went wrong in the database, such as "the disk is full"; the driver's own words otherwise. */
    static String describe(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            String plain = sqlite(sqlite.getResultCode());
            if (plain != null) {
                return plain;
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return diskFull(message) ? "the disk is full" : message;
    }

    private static String sqlite(SQLiteErrorCode code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case SQLITE_FULL, SQLITE_IOERR_WRITE, SQLITE_IOERR_FSYNC, SQLITE_IOERR_SHMSIZE ->
                    "the disk is full, or cannot be written (" + code.message + ")";
            case SQLITE_READONLY, SQLITE_READONLY_DBMOVED, SQLITE_READONLY_DIRECTORY, SQLITE_READONLY_CANTINIT,
                    SQLITE_READONLY_CANTLOCK, SQLITE_READONLY_RECOVERY, SQLITE_READONLY_ROLLBACK ->
                    "the database cannot be written (check the owner and permissions of the data directory and its"
                            + " files)";
            case SQLITE_CANTOPEN, SQLITE_CANTOPEN_ISDIR, SQLITE_CANTOPEN_FULLPATH, SQLITE_CANTOPEN_NOTEMPDIR,
                    SQLITE_PERM, SQLITE_AUTH -> "the database cannot be opened (check the owner and permissions of"
                            + " the data directory and its files)";
            case SQLITE_NOTADB, SQLITE_CORRUPT, SQLITE_CORRUPT_VTAB ->
                    "the file is not an SQLite database, or is damaged";
            case SQLITE_BUSY, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED ->
                    "another process kept the database busy for longer than "
                            + SqliteStoragePlugin.BUSY_TIMEOUT_MILLIS / 1000 + " s";
            default -> null;
        };
    }

    private static boolean diskFull(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("no space left") || lower.contains("disk full") || lower.contains("disk is full");
    }
}
