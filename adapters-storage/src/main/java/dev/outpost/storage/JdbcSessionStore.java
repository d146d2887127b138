package dev.outpost.storage;

import dev.outpost.ports.storage.SessionStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link SessionStore} over JDBC (table {@code web_sessions}, by the id's hash). {@link #takeFlash} reads the message
 * and then clears it only if it is still the one read; only the caller whose update cleared it gets it, so a message
 * is shown at most once across instances.
 */
final class JdbcSessionStore implements SessionStore {
    private final Jdbc jdbc;

    JdbcSessionStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(StoredSession s) {
        jdbc.withConnection("saving a web session", c -> {
            Jdbc.Binder bind = ps -> {
                ps.setString(1, s.owner());
                ps.setString(2, s.csrfToken());
                ps.setBoolean(3, s.signedIn());
                ps.setLong(4, Jdbc.nanos(s.lastSeen()));
                ps.setString(5, s.flash());
                ps.setString(6, s.idHash());
            };
            Jdbc.upsert(c, "UPDATE web_sessions SET owner = ?, csrf_token = ?, signed_in = ?, last_seen = ?,"
                    + " flash = ? WHERE id_hash = ?", bind, "INSERT INTO web_sessions (owner, csrf_token, signed_in,"
                    + " last_seen, flash, id_hash) VALUES (?, ?, ?, ?, ?, ?)", bind);
            return null;
        });
    }

    @Override
    public Optional<StoredSession> find(String idHash) {
        return jdbc.withConnection("reading a web session", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT owner, csrf_token, signed_in, last_seen, flash"
                    + " FROM web_sessions WHERE id_hash = ?")) {
                ps.setString(1, idHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredSession(idHash, rs.getString("owner"), rs.getString("csrf_token"),
                            rs.getBoolean("signed_in"), Jdbc.instant(rs.getLong("last_seen")),
                            rs.getString("flash")));
                }
            }
        });
    }

    @Override
    public void touch(String idHash, Instant lastSeen) {
        update("recording a web session's request", "UPDATE web_sessions SET last_seen = ? WHERE id_hash = ?",
                ps -> {
                    ps.setLong(1, Jdbc.nanos(lastSeen));
                    ps.setString(2, idHash);
                });
    }

    @Override
    public void flash(String idHash, String message) {
        update("leaving a message for a web session", "UPDATE web_sessions SET flash = ? WHERE id_hash = ?", ps -> {
            ps.setString(1, message);
            ps.setString(2, idHash);
        });
    }

    @Override
    public Optional<String> takeFlash(String idHash) {
        return jdbc.withConnection("taking a web session's message", c -> {
            String flash;
            try (PreparedStatement ps = c.prepareStatement("SELECT flash FROM web_sessions WHERE id_hash = ?")) {
                ps.setString(1, idHash);
                try (ResultSet rs = ps.executeQuery()) {
                    flash = rs.next() ? rs.getString("flash") : null;
                }
            }
            if (flash == null) {
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE web_sessions SET flash = NULL"
                    + " WHERE id_hash = ? AND flash = ?")) {
                ps.setString(1, idHash);
                ps.setString(2, flash);
                return ps.executeUpdate() == 1 ? Optional.of(flash) : Optional.empty();
            }
        });
    }

    @Override
    public void delete(String idHash) {
        update("ending a web session", "DELETE FROM web_sessions WHERE id_hash = ?", ps -> ps.setString(1, idHash));
    }

    @Override
    public int deleteIdle(Instant signedInCutoff, Instant anonymousCutoff) {
        return update("removing idle web sessions", "DELETE FROM web_sessions WHERE (signed_in AND last_seen < ?)"
                + " OR (NOT signed_in AND last_seen < ?)", ps -> {
                    ps.setLong(1, Jdbc.nanos(signedInCutoff));
                    ps.setLong(2, Jdbc.nanos(anonymousCutoff));
                });
    }

    private int update(String what, String sql, Jdbc.Binder bind) {
        return jdbc.withConnection(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind.bind(ps);
                return ps.executeUpdate();
            }
        });
    }
}
