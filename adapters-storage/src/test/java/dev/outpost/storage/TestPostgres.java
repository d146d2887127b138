package dev.outpost.storage;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * One real PostgreSQL (zonky's embedded binaries) per test JVM, shared by every test class; each caller gets a
 * database of its own.
 *
 * <p>PostgreSQL refuses to run as root, and CI containers often are root. Then the binaries are unpacked here
 * instead of by zonky, with {@code initdb} and {@code pg_ctl} behind small scripts that hand the data directory to
 * {@code nobody} and drop to it with {@code setpriv}; zonky finds the unpacked copy under the archive's digest and
 * uses it as is.
 */
final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A new, empty database; its JDBC URL (user {@code postgres}, no password needed). */
    static String newDatabase() {
        String name = "outpost_test_" + DATABASES.incrementAndGet();
        EmbeddedPostgres pg = server();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name;
    }

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
                if (isRoot()) {
                    builder.setOverrideWorkingDirectory(rootlessBinaries());
                }
                server = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return server;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static File rootlessBinaries() throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
            archive = in.readAllBytes();
        }
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "outpost-embedded-pg");
        Path pgDir = work.resolve("PG-" + md5(archive));
        if (Files.exists(pgDir.resolve(".exists"))) {
            return work.toFile();
        }
        Path staging = Files.createTempDirectory(work.getParent(), "outpost-pg-staging");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(
                new java.io.ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            entry.getName().contains("bin/") ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        for (String tool : new String[] {"initdb", "pg_ctl"}) {
            Path bin = staging.resolve("bin").resolve(tool);
            Files.move(bin, bin.resolveSibling(tool + ".real"));
            Files.writeString(bin, dropRoot(tool), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createFile(staging.resolve(".exists"));
        Files.createDirectories(work);
        try {
            Files.move(staging, pgDir);
        } catch (IOException e) {
            if (!Files.exists(pgDir.resolve(".exists"))) {
                throw e; // not merely another JVM having finished first
            }
        }
        return work.toFile();
    }

    private static String dropRoot(String tool) {
        return """
                #!/bin/sh
                # Test only: PostgreSQL will not run as root; give the data directory to nobody and run as nobody.
                prev=""
                for arg in "$@"; do
                  if [ "$prev" = "-D" ]; then chown -R 65534:65534 "$arg"; fi
                  prev="$arg"
                done
                exec setpriv --reuid=65534 --regid=65534 --clear-groups "$(dirname "$0")/%s.real" "$@"
                """.formatted(tool);
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
