package dev.outpost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.outpost.ports.storage.StorageException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway is skipped only when the history lists exactly the shipped migrations; otherwise it runs as before. */
class MigrationsTest {
    @TempDir
    Path dir;

    @Nested
    class OnH2 extends Contract {
        @Override
        HikariDataSource newDatabase() {
            return Pools.open("migrations-h2", "org.h2.Driver", H2StoragePlugin.jdbcUrl(dir.resolve("db")), "sa", "",
                    2, "H2");
        }
    }

    @Nested
    class OnSqlite extends Contract {
        @Override
        HikariDataSource newDatabase() {
            return Pools.open("migrations-sqlite", SqliteStoragePlugin.connections(dir.resolve("db.sqlite")), 2,
                    "SQLite");
        }

        @Override
        String location() {
            return Dialect.SQLITE.migrations();
        }

        @Override
        String[] shippedVersions() {
            return new String[] {"2", "3", "4", "5"};
        }
    }

    @Nested
    class OnPostgres extends Contract {
        @Override
        HikariDataSource newDatabase() {
            return Pools.open("migrations-postgres", "org.postgresql.Driver", TestPostgres.newDatabase(), "postgres",
                    "", 2, "PostgreSQL");
        }
    }

    abstract class Contract {
        private HikariDataSource db;

        abstract HikariDataSource newDatabase();

        /** Where this database's migrations are. */
        String location() {
            return Migrations.LOCATION;
        }

        /** The versions of its shipped migrations. */
        String[] shippedVersions() {
            return new String[] {"1", "2", "3", "4", "5"};
        }

        private boolean current() {
            return Migrations.current(db(), location());
        }

        private boolean bringUpToDate() {
            return Migrations.bringUpToDate(db(), location(), "test");
        }

        private HikariDataSource db() {
            if (db == null) {
                db = newDatabase();
            }
            return db;
        }

        @AfterEach
        void close() {
            if (db != null) {
                db.close();
            }
        }

        @Test
        void flywayRunsOnAFreshDatabaseAndIsSkippedOnceTheSchemaIsCurrent() {
            assertThat(current()).as("no history yet").isFalse();
            assertThat(bringUpToDate()).as("Flyway ran").isTrue();

            assertThat(current()).isTrue();
            assertThat(bringUpToDate()).as("Flyway ran").isFalse();
            Map<String, Migrations.Script> shipped = Migrations.shipped(getClass().getClassLoader(), location())
                    .orElseThrow();
            assertThat(shipped).containsOnlyKeys(shippedVersions());
            assertThat(Migrations.applied(db())).contains(shipped);
        }

        @Test
        void flywayRunsWhenANewMigrationIsPending() throws Exception {
            bringUpToDate();
            Path extra = Files.createDirectories(dir.resolve("extra").resolve(location()));
            Files.writeString(extra.resolve("V99__pending_probe.sql"), "CREATE TABLE pending_probe (id INT);\n");
            try (URLClassLoader withV99 = new URLClassLoader(new URL[] {dir.resolve("extra").toUri().toURL()},
                    getClass().getClassLoader())) {
                withContextLoader(withV99, () -> {
                    assertThat(Migrations.shipped(withV99, location()).orElseThrow()).containsKeys("2", "3", "99");
                    assertThat(current()).as("V99 pending").isFalse();
                    assertThat(bringUpToDate()).as("Flyway ran").isTrue();
                    assertThat(bringUpToDate()).as("Flyway ran").isFalse();
                    return null;
                });
            }
            execute("INSERT INTO pending_probe (id) VALUES (1)");
        }

        @Test
        void anEditedScriptOrAFailedMigrationIsLeftToFlyway() throws Exception {
            bringUpToDate();
            execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1 WHERE \"version\" = '"
                    + shippedVersions()[0] + "'");
            assertThat(current()).isFalse();
            assertThatThrownBy(this::bringUpToDate).isInstanceOf(StorageException.class)
                    .hasMessageContaining("checksum");

            execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" - 1, \"success\" = FALSE"
                    + " WHERE \"version\" = '" + shippedVersions()[0] + "'");
            assertThat(current()).isFalse();
        }

        @Test
        void aDatabaseANewerOutpostMigratedFurtherIsRefusedInPlainWordsAndLeftAsItIs() throws Exception {
            bringUpToDate();
            execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
                    + " \"type\", \"script\", \"checksum\", \"installed_by\", \"installed_on\", \"execution_time\","
                    + " \"success\") SELECT 99, '99', 'later', \"type\", 'V99__later.sql', 1, \"installed_by\","
                    + " \"installed_on\", \"execution_time\", \"success\" FROM \"flyway_schema_history\" WHERE"
                    + " \"version\" = '2'");

            assertThatThrownBy(this::bringUpToDate).isInstanceOf(StorageException.class)
                    .hasMessage("The test was written by a newer version of Outpost (schema version 99; this"
                            + " version knows up to 5). Use that version, or point OUTPOST_HOME elsewhere; nothing"
                            + " was changed.");
            assertThat(Migrations.applied(db()).orElseThrow()).containsKey("99");
        }

        private void execute(String sql) throws SQLException {
            try (Connection c = db().getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    @Test
    void migrationsAreListedFromAJarAndChecksummedAsFlywayDoes() throws Exception {
        Path jar = dir.resolve("migrations.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String folder : new String[] {"db/", "db/outpost/"}) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("db/outpost/V7_1__seven.sql"));
            out.write("\uFEFFCREATE TABLE t (id INT);\r\n-- done\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            // CRC-32 of "CREATE TABLE t (id INT);" then "-- done": no byte order mark, no line ends.
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update("CREATE TABLE t (id INT);".getBytes(StandardCharsets.UTF_8));
            crc.update("-- done".getBytes(StandardCharsets.UTF_8));
            assertThat(Migrations.shipped(loader)).contains(
                    Map.of("7.1", new Migrations.Script("V7_1__seven.sql", (int) crc.getValue())));
        }
    }

    @Test
    void aJarsIndexOfALocationIsReadInsteadOfItsEntries() throws Exception {
        Path jar = dir.resolve("indexed.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String folder : new String[] {"db/", "db/outpost/"}) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("db/outpost/V3__three.sql"));
            out.write("SELECT 3;\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("db/outpost/V4__not_indexed.sql"));
            out.write("SELECT 4;\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("db/outpost" + Migrations.INDEX_SUFFIX));
            out.write("V3__three.sql\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(Migrations.shipped(loader).orElseThrow()).containsOnlyKeys("3");
        }
    }

    @Test
    void everyShippedIndexListsExactlyTheMigrationsBesideIt() throws Exception {
        for (Dialect dialect : Dialect.values()) {
            String location = dialect.migrations();
            Path folder = Path.of(getClass().getClassLoader().getResource(location).toURI());
            List<String> files;
            try (var list = Files.list(folder)) {
                files = list.map(p -> p.getFileName().toString()).sorted().toList();
            }
            Path index = Path.of(getClass().getClassLoader().getResource(location + Migrations.INDEX_SUFFIX).toURI());
            assertThat(Files.readAllLines(index).stream().filter(l -> !l.isBlank()).sorted().toList())
                    .as("%s%s lists the files in %s", location, Migrations.INDEX_SUFFIX, location)
                    .isEqualTo(files);
        }
    }

    @Test
    void anythingButPlainVersionedMigrationsIsLeftToFlyway() throws Exception {
        for (String name : new String[] {"R__repeatable.sql", "afterMigrate.sql", "V1__again.sql", "sub/V3__deep.sql"}) {
            Path root = dir.resolve(name.replace('/', '-'));
            Path file = root.resolve(Migrations.LOCATION).resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "SELECT 1;\n");
            try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()},
                    getClass().getClassLoader())) {
                assertThat(Migrations.shipped(loader)).as(name).isEmpty();
            }
        }
    }

    private static <T> T withContextLoader(ClassLoader loader, Callable<T> body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
