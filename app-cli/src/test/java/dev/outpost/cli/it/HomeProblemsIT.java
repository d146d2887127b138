package dev.outpost.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home the launcher cannot open gets one plain line and exit code 1 (storage), without a stack trace unless
 * {@code --verbose}: a directory this user may not enter, a full disk, a database from a newer Outpost, a file that
 * is no database. And homes are created private: 0700, the files in them 0600.
 */
class HomeProblemsIT {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=nobody", "--regid=nogroup",
            "--clear-groups");

    @TempDir
    Path dir;

    private static Map<String, String> env(Path home) {
        return Map.of("OUTPOST_HOME", home.toString());
    }

    @Test
    void aNewHomeIsPrivate() throws Exception {
        Path home = dir.resolve("new").resolve("home");
        Launcher.run(env(home), "publications", "list").expectExit(0);
        assertThat(mode(home.getParent())).isEqualTo("rwx------");
        assertThat(mode(home)).isEqualTo("rwx------");
        try (var files = Files.list(home)) {
            assertThat(files.toList()).isNotEmpty().allSatisfy(f -> assertThat(mode(f)).as(f.toString())
                    .isEqualTo("rw-------"));
        }
    }

    @Test
    void aHomeThisUserMayNotEnter() throws Exception {
        Path home = Files.createDirectories(dir.resolve("closed"));
        Launcher.run(env(home), "publications", "list").expectExit(0);
        Launcher.Run run;
        if (ROOT) {
            // Root enters any directory: run as nobody against root's private home.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            run = Launcher.start(AS_NOBODY, env(home), null, "publications", "list").finish(Duration.ofMinutes(2));
        } else {
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("---------"));
            run = Launcher.run(env(home), "publications", "list");
        }
        assertOneLine(run.expectExit(1), "outpost: Cannot use the data directory " + home + ": permission denied");
    }

    @Test
    void aFullDisk() throws Exception {
        Path home = dir.resolve("full");
        // Files may grow to 40 KiB: the new database (its schema and log) does not fit.
        Launcher.Run run = Launcher.start(List.of("sh", "-c", "ulimit -f 40; exec \"$0\" \"$@\""), env(home), null,
                "publications", "list").finish(Duration.ofMinutes(2));
        assertOneLine(run.expectExit(1), "the disk is full");
        assertThat(home.resolve("outpost.db")).doesNotExist();
        // With room again, the same home opens: nothing half-made was left.
        Launcher.run(env(home), "publications", "list").expectExit(0);
    }

    @Test
    void aDatabaseFromANewerOutpost() throws Exception {
        Path home = dir.resolve("newer");
        Launcher.run(env(home), "publications", "list").expectExit(0);
        Path file = home.resolve("outpost.db");
        long applied = count(file, "SELECT COUNT(*) FROM flyway_schema_history");
        long newest = count(file, "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history");
        execute(file, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, installed_on, execution_time, success) SELECT 99, '99', 'later', type,"
                + " 'V99__later.sql', 1, installed_by, installed_on, execution_time, success"
                + " FROM flyway_schema_history WHERE version = '2'");

        Launcher.Run run = Launcher.run(env(home), "publications", "list").expectExit(1);
        assertOneLine(run, "outpost: The SQLite database " + file + " was written by a newer version of Outpost"
                + " (schema version 99; this version knows up to " + newest + "). Use that version, or point OUTPOST_HOME"
                + " elsewhere; nothing was changed.");
        assertThat(count(file, "SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo(applied + 1);

        Launcher.Run verbose = Launcher.run(env(home), "--verbose", "publications", "list").expectExit(1);
        assertThat(verbose.stderr()).contains("was written by a newer version of Outpost", "\tat ");
    }

    @Test
    void aFileThatIsNoDatabase() throws Exception {
        Path home = Files.createDirectories(dir.resolve("garbage"));
        Files.writeString(home.resolve("outpost.db"), "this is not a database, it is a grocery list");
        Launcher.Run run = Launcher.run(env(home), "publications", "list").expectExit(1);
        assertOneLine(run, "is not an SQLite database, or is damaged");
    }

    private static void assertOneLine(Launcher.Run run, String contains) {
        assertThat(run.stderr().strip().lines()).as(run.toString()).hasSize(1);
        assertThat(run.stderr()).as(run.toString()).contains(contains).doesNotContain("\tat ", "Exception");
        assertThat(run.stdout()).isEmpty();
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void execute(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
