package dev.outpost.storage;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The few places where the databases' SQL differs. H2 and PostgreSQL share one dialect and one set of migrations;
 * SQLite has its own migrations (it cannot alter columns), no row locks (one writer at a time holds the whole
 * file, so a token refresh is held with a file lock instead, see {@link RefreshHolds}), {@code LIMIT} instead of
 * {@code FETCH FIRST} and its own error codes.
 */
enum Dialect {
    H2("db/outpost", true),
    POSTGRES("db/outpost", true),
    SQLITE("db/sqlite", false);

    private static final String UNIQUE_VIOLATION = "23505";

    private final String migrations;
    private final boolean rowLocks;

    Dialect(String migrations, boolean rowLocks) {
        this.migrations = migrations;
        this.rowLocks = rowLocks;
    }

    /** The class-path folder of this database's Flyway migrations. */
    String migrations() {
        return migrations;
    }

    /** Whether {@code SELECT ... FOR UPDATE} locks rows (SQLite has no such clause). */
    boolean rowLocks() {
        return rowLocks;
    }

    /** The clause that keeps the first {@code rows} rows of an ordered query. */
    String firstRows(int rows) {
        return this == SQLITE ? " LIMIT " + rows : " FETCH FIRST " + rows + " ROWS ONLY";
    }

    /** Whether {@code e} (or one chained to it) is a primary key or unique constraint refusing a duplicate. */
    static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
            if (s instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                    || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)) {
                return true;
            }
        }
        return false;
    }
}
