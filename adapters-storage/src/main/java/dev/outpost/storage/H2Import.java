package dev.outpost.storage;

import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.LoggerFactory;

/**
 * Moves the H2 database of a data directory ({@code outpost.mv.db}, the default storage before SQLite) into a new
 * SQLite database, row for row: accounts, tokens and the plugins' secrets still sealed as they were (the key does not
 * change), the key check, pending sign-ins, every upload checkpoint (interrupted ones resume), publications with their
 * media, and the job queue with its due times. Nothing is lost and nothing is re-encoded but instants of the job
 * queue, which SQLite keeps as numbers.
 *
 * <p>H2 is opened exclusively (not in its mixed mode), so an older Outpost still serving the file is refused, with a
 * message, rather than left writing to a file nobody reads any more; its schema is brought up to date first, as the
 * H2 plugin would. The copy is checked table by table (same number of rows), and only then does the caller rename
 * the new database into place; the H2 file is then kept as {@code outpost-h2-backup.mv.db}.
 */
final class H2Import {
    static final String H2_FILE = H2StoragePlugin.DATABASE_NAME + ".mv.db";
    static final String BACKUP_NAME = "outpost-h2-backup";
    private static final String H2_IN_USE = "90020";

    /** Every table, parents before children, each with the order its rows are copied in. */
    private static final List<Table> TABLES = List.of(
            new Table("accounts", "id"),
            new Table("tokens", "account_id"),
            new Table("key_check", "id"),
            new Table("pending_authorizations", "state"),
            new Table("upload_checkpoints", "seq"),
            new Table("publications", "seq"),
            new Table("publication_media", "publication_id, position"),
            new Table("secrets", "platform_id, name"),
            new Table("scheduled_tasks", "task_name, task_instance"),
            new Table("web_sessions", "id_hash"),
            new Table("saved_drafts", "id"));

    private H2Import() {
    }

    /** One table to copy; {@code seq} columns are numbered again by SQLite in the copied order. */
    private record Table(String name, String order) {
    }

    /** Whether {@code dir} holds an H2 database of Outpost's. */
    static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(H2_FILE));
    }

    /**
     * Copies the H2 database in {@code dir} into the (migrated, empty) SQLite database behind {@code target}.
     *
     * @return true (it copied)
     * @throws StorageException naming what to do when H2 is in use by another process or cannot be read
     */
    static boolean copyInto(Path dir, StorageConfig config, DataSource target) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.toAbsolutePath().resolve(H2StoragePlugin.DATABASE_NAME) + ";WRITE_DELAY=0");
        h2.setUser("sa");
        h2.setPassword("");
        String what = "H2 database in " + dir;
        // One connection held throughout keeps H2 open between the migration's and the copy's connections.
        try (Connection keeper = h2.getConnection()) {
            Migrations.bringUpToDate(h2, Migrations.LOCATION, what);
            List<String> counts = new ArrayList<>();
            try (Connection to = target.getConnection()) {
                to.setAutoCommit(false);
                try {
                    for (Table table : TABLES) {
                        long copied = copy(keeper, to, table);
                        long expected = count(keeper, table.name());
                        if (copied != expected || count(to, table.name()) != expected) {
                            throw new SQLException("the copy of table " + table.name() + " has "
                                    + count(to, table.name()) + " rows instead of " + expected);
                        }
                        counts.add(table.name() + " " + copied);
                    }
                    to.commit();
                } catch (SQLException | RuntimeException e) {
                    to.rollback();
                    throw e;
                }
            }
            LoggerFactory.getLogger(H2Import.class).warn("Moved the H2 database in {} to SQLite ({}; {}); the H2"
                    + " file is kept as {}.mv.db", dir, SqliteStoragePlugin.FILE_NAME, String.join(", ", counts),
                    BACKUP_NAME);
            return true;
        } catch (SQLException e) {
            if (inUse(e)) {
                throw new StorageException("The " + what + " is in use by another process (an Outpost started"
                        + " before this version?). Stop it and run again: this version moves the H2 database to"
                        + " SQLite at its first start. Nothing was changed.", e);
            }
            throw new StorageException("Cannot move the " + what + " to SQLite: " + Problems.describe(e)
                    + ". Nothing was changed.", e);
        }
    }

    private static boolean inUse(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (H2_IN_USE.equals(sql.getSQLState()) || sql.getErrorCode() == 90020)) {
                return true;
            }
        }
        return false;
    }

    private static long copy(Connection from, Connection to, Table table) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (Statement s = to.createStatement();
                ResultSet info = s.executeQuery("PRAGMA table_info(" + table.name() + ")")) {
            while (info.next()) {
                if (!info.getString("name").equals("seq")) {
                    columns.add(info.getString("name"));
                    types.add(info.getString("type"));
                }
            }
        }
        String list = String.join(", ", columns);
        long rows = 0;
        try (Statement select = from.createStatement();
                ResultSet rs = select.executeQuery("SELECT " + list + " FROM " + table.name() + " ORDER BY "
                        + table.order());
                PreparedStatement insert = to.prepareStatement("INSERT INTO " + table.name() + " (" + list
                        + ") VALUES (" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")")) {
            ResultSetMetaData source = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    bind(rs, source.getColumnType(i), i, insert, types.get(i - 1));
                }
                insert.executeUpdate();
                rows++;
            }
        }
        return rows;
    }

    /** One value, as the SQLite column's type keeps it. */
    private static void bind(ResultSet rs, int sourceType, int i, PreparedStatement insert, String targetType)
            throws SQLException {
        switch (targetType) {
            case "INTEGER" -> {
                if (sourceType == Types.TIMESTAMP || sourceType == Types.TIMESTAMP_WITH_TIMEZONE) {
                    OffsetDateTime at = rs.getObject(i, OffsetDateTime.class);
                    if (at == null) {
                        insert.setNull(i, Types.BIGINT);
                    } else {
                        insert.setLong(i, SqliteJobTimes.micros(at.toInstant()));
                    }
                } else if (sourceType == Types.BOOLEAN) {
                    boolean value = rs.getBoolean(i);
                    if (rs.wasNull()) {
                        insert.setNull(i, Types.INTEGER);
                    } else {
                        insert.setInt(i, value ? 1 : 0);
                    }
                } else {
                    long value = rs.getLong(i);
                    if (rs.wasNull()) {
                        insert.setNull(i, Types.BIGINT);
                    } else {
                        insert.setLong(i, value);
                    }
                }
            }
            case "REAL" -> {
                double value = rs.getDouble(i);
                if (rs.wasNull()) {
                    insert.setNull(i, Types.DOUBLE);
                } else {
                    insert.setDouble(i, value);
                }
            }
            case "TEXT" -> insert.setString(i, rs.getString(i));
            case "BLOB" -> insert.setBytes(i, rs.getBytes(i));
            default -> throw new SQLException("unexpected column type " + targetType);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Renames the H2 files out of the way once their content lives in SQLite: {@code outpost.mv.db} becomes
     * {@code outpost-h2-backup.mv.db} (or {@code -2}, {@code -3}... when that exists), which H2's tools still open.
     */
    static void setAside(Path dir) {
        Path h2 = dir.resolve(H2_FILE);
        try {
            Path backup = dir.resolve(BACKUP_NAME + ".mv.db");
            for (int n = 2; Files.exists(backup); n++) {
                backup = dir.resolve(BACKUP_NAME + "-" + n + ".mv.db");
            }
            Files.move(h2, backup);
            Files.deleteIfExists(dir.resolve(H2StoragePlugin.DATABASE_NAME + ".trace.db"));
        } catch (IOException e) {
            // The move itself is done; only the old file's name is left to the user.
            LoggerFactory.getLogger(H2Import.class).warn("Could not rename {} ({}); rename or remove it yourself:"
                    + " it is no longer used", h2, Problems.describe(e));
        }
    }
}
