package dev.outpost.storage;

import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * db-scheduler on SQLite, which this db-scheduler version does not detect: its instants are stored as INTEGER
 * microseconds since the epoch (the precision H2 and PostgreSQL keep), so that due times compare as numbers and
 * nothing depends on how the driver would render a timestamp; due executions are limited with {@code LIMIT}.
 * Everything else is db-scheduler's standard SQL.
 */
final class SqliteJobTimes extends DefaultJdbcCustomization {
    SqliteJobTimes() {
        super(true);
    }

    @Override
    public String getName() {
        return "SQLite";
    }

    /** SQLite has no {@code OFFSET ... FETCH FIRST}: {@code LIMIT}, as PostgreSQL also takes. */
    @Override
    public String getQueryLimitPart(int limit) {
        return " LIMIT " + limit;
    }

    @Override
    public void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, micros(value));
        }
    }

    @Override
    public Instant getInstant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : instant(value);
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
    }
}
