package dev.outpost.storage;

import dev.outpost.ports.storage.StorageException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings a database's schema up to date with the migrations shipped in {@code db/outpost}. Flyway does the work, but
 * loading it costs every CLI run a few hundred classes, so when Flyway's history table already lists exactly the
 * shipped migrations (same versions, scripts and checksums, all successful) nothing is loaded. Anything else (no
 * history yet, a pending or failed migration, an edited script, a file that is not a plain versioned SQL migration)
 * goes through Flyway's full migrate, which validates, locks and migrates as before; the shortcut only recognises
 * the case in which Flyway would do nothing.
 */
final class Migrations {
    /** Where H2's and PostgreSQL's migrations are, as a class-path folder; Flyway's location is {@code classpath:} this. */
    static final String LOCATION = "db/outpost";
    /** The suffix of a location's index in a jar: {@code db/sqlite} is listed in {@code db/sqlite.migrations}. */
    static final String INDEX_SUFFIX = ".migrations";
    /** Flyway's history table, in the connection's current schema (Flyway's default). */
    static final String HISTORY_TABLE = "flyway_schema_history";
    /** Flyway's default naming of a versioned SQL migration: {@code V1_2__what.sql} is version 1.2. */
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/]+\\.sql");

    private Migrations() {
    }

    /**
     * Migrates the database unless it is already current.
     *
     * @return whether Flyway ran (false: the schema was current and Flyway was not loaded)
     */
    static boolean bringUpToDate(DataSource db, String what) {
        return bringUpToDate(db, LOCATION, what);
    }

    /**
     * Migrates the database with the migrations in {@code location} unless it is already current.
     *
     * @return whether Flyway ran (false: the schema was current and Flyway was not loaded)
     * @throws StorageException when the database was written by a newer Outpost (its history has versions beyond
     *     the shipped ones), or Flyway fails
     */
    static boolean bringUpToDate(DataSource db, String location, String what) {
        Optional<Map<String, Script>> shipped = shipped(classLoader(), location);
        Optional<Map<String, Script>> applied = applied(db);
        if (current(shipped, applied)) {
            return false;
        }
        refuseNewer(shipped, applied, what);
        FlywayRun.migrate(db, location, what);
        return true;
    }

    /** Whether Flyway's history in {@code db} lists exactly the shipped migrations, all successful. */
    static boolean current(DataSource db) {
        return current(db, LOCATION);
    }

    static boolean current(DataSource db, String location) {
        return current(shipped(classLoader(), location), applied(db));
    }

    private static boolean current(Optional<Map<String, Script>> shipped, Optional<Map<String, Script>> applied) {
        return shipped.isPresent() && !shipped.get().isEmpty() && applied.isPresent()
                && applied.get().equals(shipped.get());
    }

    /**
     * A database that a newer Outpost migrated further than this one knows is left alone with a message that says
     * so; Flyway's own would speak of unresolved migrations.
     */
    private static void refuseNewer(Optional<Map<String, Script>> shipped, Optional<Map<String, Script>> applied,
            String what) {
        if (shipped.isEmpty() || shipped.get().isEmpty() || applied.isEmpty()) {
            return;
        }
        String newestShipped = newest(shipped.get().keySet());
        String newestApplied = newest(applied.get().keySet());
        if (newestApplied != null && compareVersions(newestApplied, newestShipped) > 0) {
            throw new StorageException("The " + what + " was written by a newer version of Outpost (schema version "
                    + newestApplied + "; this version knows up to " + newestShipped + "). Use that version, or"
                    + " point OUTPOST_HOME elsewhere; nothing was changed.");
        }
    }

    private static String newest(java.util.Collection<String> versions) {
        return versions.stream().max(Migrations::compareVersions).orElse(null);
    }

    /** Compares Flyway versions such as {@code 2} and {@code 1.10} part by part, numerically. */
    static int compareVersions(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            java.math.BigInteger l = i < left.length ? new java.math.BigInteger(left[i]) : java.math.BigInteger.ZERO;
            java.math.BigInteger r = i < right.length ? new java.math.BigInteger(right[i]) : java.math.BigInteger.ZERO;
            int c = l.compareTo(r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** One applied or shipped migration, as Flyway records it: its file name and checksum. */
    record Script(String name, Integer checksum) {
    }

    /** The loader Flyway scans by default: the thread's context loader. */
    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Migrations.class.getClassLoader();
    }

    /**
     * The shipped migrations by version, from every class-path folder or jar that has {@link #LOCATION}; empty when
     * one of them holds anything but plain versioned SQL migrations, or cannot be listed, or two share a version.
     */
    static Optional<Map<String, Script>> shipped(ClassLoader loader) {
        return shipped(loader, LOCATION);
    }

    static Optional<Map<String, Script>> shipped(ClassLoader loader, String location) {
        Map<String, Script> byVersion = new HashMap<>();
        try {
            Enumeration<URL> locations = loader.getResources(location);
            while (locations.hasMoreElements()) {
                URL url = locations.nextElement();
                Optional<List<String>> names = names(url, location);
                if (names.isEmpty()) {
                    return Optional.empty();
                }
                for (String name : names.get()) {
                    Matcher versioned = VERSIONED.matcher(name);
                    if (!versioned.matches()) {
                        return Optional.empty();
                    }
                    String version = versioned.group(1).replace('_', '.');
                    URL script = loader.getResource(location + "/" + name);
                    if (script == null || byVersion.put(version, new Script(name, checksum(script))) != null) {
                        return Optional.empty();
                    }
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | SecurityException unreadable) {
            return Optional.empty();
        }
        return Optional.of(byVersion);
    }

    /** The files in one location (a folder or a jar's folder), names relative to it; empty when it cannot list. */
    private static Optional<List<String>> names(URL url, String location) throws IOException {
        List<String> names = new ArrayList<>();
        if (url.getProtocol().equals("file")) {
            File[] files;
            try {
                files = new File(url.toURI()).listFiles();
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
            if (files == null) {
                return Optional.empty();
            }
            for (File file : files) {
                names.add(file.isDirectory() ? file.getName() + "/" : file.getName());
            }
            return Optional.of(names);
        }
        if (url.getProtocol().equals("jar")) {
            Optional<List<String>> indexed = index(url);
            if (indexed.isPresent()) {
                return indexed;
            }
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return Optional.empty();
            }
            jar.setUseCaches(false);
            String prefix = location + "/";
            try (JarFile file = jar.getJarFile()) {
                Enumeration<JarEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(prefix) && name.length() > prefix.length()) {
                        names.add(name.substring(prefix.length()));
                    }
                }
            }
            return Optional.of(names);
        }
        return Optional.empty();
    }

    /**
     * The names a jar lists in its index of a location ({@code db/sqlite.migrations} beside {@code db/sqlite}, one file
     * name a line), or empty when it has none. Listing a jar means reading every entry of it (17,000 in the command
     * line's jar: most of this check's time); the build keeps the index and the folder in step (MigrationsTest).
     */
    private static Optional<List<String>> index(URL location) {
        String path = location.toString();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            URLConnection connection = new URL(path + INDEX_SUFFIX).openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                List<String> names = new ArrayList<>();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        names.add(line.strip());
                    }
                }
                return Optional.of(names);
            }
        } catch (IOException noIndex) {
            return Optional.empty();
        }
    }

    /**
     * Flyway's checksum of a script: a CRC-32 over its lines' UTF-8 bytes without line ends (and without a leading
     * byte order mark), as its {@code ChecksumCalculator} computes it.
     */
    static int checksum(URL script) {
        CRC32 crc = new CRC32();
        try (InputStream in = script.openStream();
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096)) {
            String line = lines.readLine();
            if (line != null && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            for (; line != null; line = lines.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }

    /**
     * The successful versioned SQL migrations in Flyway's history, by version; empty when there is no history table
     * or it has a row of any other kind (failed, baseline, undo, repeatable, deleted), so that Flyway decides.
     */
    static Optional<Map<String, Script>> applied(DataSource db) {
        try (Connection c = db.getConnection()) {
            // SQLite has no schemas (its driver answers null): the table is simply in the database.
            String schema = c.getSchema();
            String sql = "SELECT \"version\", \"type\", \"script\", \"checksum\", \"success\" FROM "
                    + (schema == null ? "" : quoted(schema) + ".") + quoted(HISTORY_TABLE);
            Map<String, Script> byVersion = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
                while (rows.next()) {
                    String version = rows.getString(1);
                    String type = rows.getString(2);
                    String script = rows.getString(3);
                    int checksum = rows.getInt(4);
                    Integer maybeChecksum = rows.wasNull() ? null : checksum;
                    if (!rows.getBoolean(5)) {
                        return Optional.empty();
                    }
                    if (version == null && "TABLE".equals(type)) {
                        continue; // the marker row Flyway writes when it creates the table
                    }
                    if (version == null || !"SQL".equals(type)
                            || byVersion.put(version, new Script(script, maybeChecksum)) != null) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(byVersion);
        } catch (SQLException noHistoryOrUnreadable) {
            return Optional.empty();
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Flyway itself, in a class of its own so that its classes load only when it runs. */
    private static final class FlywayRun {
        private FlywayRun() {
        }

        static void migrate(DataSource db, String location, String what) {
            try {
                Flyway.configure()
                        .dataSource(db)
                        .locations("classpath:" + location)
                        .load()
                        .migrate();
            } catch (FlywayException e) {
                throw new StorageException("Could not bring the " + what + " schema up to date: " + plain(e), e);
            }
        }

        /**
         * Flyway's message on one line: the database's own failure in plain words when there is one (a full disk, a
         * file that cannot be written), else Flyway's lines joined (a changed checksum, say).
         */
        private static String plain(FlywayException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql) {
                    return Problems.describe(sql);
                }
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return message.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.matches("-+"))
                    .collect(java.util.stream.Collectors.joining("; "));
        }
    }
}
