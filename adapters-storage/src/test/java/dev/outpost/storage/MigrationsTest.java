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
            assertThat(Migrations.current(db())).as("no history yet").isFalse();
            assertThat(Migrations.bringUpToDate(db(), "test")).as("Flyway ran").isTrue();

            assertThat(Migrations.current(db())).isTrue();
            assertThat(Migrations.bringUpToDate(db(), "test")).as("Flyway ran").isFalse();
            Map<String, Migrations.Script> shipped = Migrations.shipped(getClass().getClassLoader()).orElseThrow();
            assertThat(shipped).containsOnlyKeys("1", "2", "3", "4");
            assertThat(Migrations.applied(db())).contains(shipped);
        }

        @Test
        void flywayRunsWhenANewMigrationIsPending() throws Exception {
            Migrations.bringUpToDate(db(), "test");
            Path extra = Files.createDirectories(dir.resolve("extra").resolve(Migrations.LOCATION));
            Files.writeString(extra.resolve("V99__pending_probe.sql"), "CREATE TABLE pending_probe (id INT);\n");
            try (URLClassLoader withV99 = new URLClassLoader(new URL[] {dir.resolve("extra").toUri().toURL()},
                    getClass().getClassLoader())) {
                withContextLoader(withV99, () -> {
                    assertThat(Migrations.shipped(withV99).orElseThrow()).containsOnlyKeys("1", "2", "3", "4", "99");
                    assertThat(Migrations.current(db())).as("V99 pending").isFalse();
                    assertThat(Migrations.bringUpToDate(db(), "test")).as("Flyway ran").isTrue();
                    assertThat(Migrations.bringUpToDate(db(), "test")).as("Flyway ran").isFalse();
                    return null;
                });
            }
            execute("INSERT INTO pending_probe (id) VALUES (1)");
        }

        @Test
        void anEditedScriptOrAFailedMigrationIsLeftToFlyway() throws Exception {
            Migrations.bringUpToDate(db(), "test");
            execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1 WHERE \"version\" = '1'");
            assertThat(Migrations.current(db())).isFalse();
            assertThatThrownBy(() -> Migrations.bringUpToDate(db(), "test")).isInstanceOf(StorageException.class)
                    .hasMessageContaining("checksum");

            execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" - 1, \"success\" = FALSE"
                    + " WHERE \"version\" = '1'");
            assertThat(Migrations.current(db())).isFalse();
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
