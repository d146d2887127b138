package dev.outpost.architecture.planted.domain;

import java.sql.Connection;

/** Violation: JDBC is in the JDK, yet no business of the domain. */
public final class DomainUsesJdbc {
    public boolean isClosed(Connection connection) throws java.sql.SQLException {
        return connection.isClosed();
    }
}
