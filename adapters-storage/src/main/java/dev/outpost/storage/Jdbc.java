package dev.outpost.storage;

import dev.outpost.ports.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The one JDBC code path: connections from the pool, transactions, and the few conversions every store needs.
 * SQL failures become {@link StorageException}s here, naming what was being done; they never carry tokens, which
 * are sealed before they reach SQL.
 */
final class Jdbc {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final DataSource dataSource;
    private final Dialect dialect;

    Jdbc(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    DataSource dataSource() {
        return dataSource;
    }

    Dialect dialect() {
        return dialect;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode: each statement is its own transaction. */
    <T> T withConnection(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /**
     * Updates the row, or inserts it when there is none; a concurrent insert of the same key turns into an update.
     * Runs each statement on its own, so call it on an auto-commit connection.
     */
    static void upsert(Connection c, String updateSql, Binder updateBinder, String insertSql, Binder insertBinder)
            throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement update = c.prepareStatement(updateSql)) {
                updateBinder.bind(update);
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(insertSql)) {
                insertBinder.bind(insert);
                insert.executeUpdate();
                return;
            } catch (SQLException e) {
                if (!isUniqueViolation(e) || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    static StorageException failure(String what, SQLException e) {
        return new StorageException("Storage failed while " + what + ": " + Problems.describe(e), e);
    }

    static boolean isUniqueViolation(SQLException e) {
        return Dialect.isUniqueViolation(e);
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    /** Nanoseconds since the epoch: exact for instants between the years 1678 and 2262. */
    static long nanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant " + instant + " is outside what the storage keeps (1678 to 2262)",
                    e);
        }
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    static Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : instant(value);
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, nanos(value));
        }
    }

    static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
