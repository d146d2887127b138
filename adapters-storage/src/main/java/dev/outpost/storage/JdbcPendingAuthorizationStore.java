package dev.outpost.storage;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.PkceVerifier;
import dev.outpost.ports.storage.PendingAuthorizationStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link PendingAuthorizationStore} over JDBC. {@link #take} reads the row and then deletes it; only the caller
 * whose delete removed the row gets it, so a state is used at most once across instances. The PKCE verifier and
 * the plugin's state are sealed like tokens, each with associated data of its own (the state, and which of the two
 * it is), so neither opens in the other's column or another row.
 */
final class JdbcPendingAuthorizationStore implements PendingAuthorizationStore {
    private final Jdbc jdbc;
    private final TokenCipher cipher;

    JdbcPendingAuthorizationStore(Jdbc jdbc, TokenCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    public void save(PendingAuthorization p) {
        byte[] sealed = cipher.seal(p.verifier().value().getBytes(StandardCharsets.US_ASCII), aad(p.state()));
        byte[] pluginState = p.pluginState() == null ? null
                : cipher.seal(p.pluginState().getBytes(StandardCharsets.UTF_8), pluginStateAad(p.state()));
        jdbc.withConnection("saving a pending authorization", c -> {
            Jdbc.Binder bind = ps -> {
                ps.setBytes(1, sealed);
                ps.setBytes(2, pluginState);
                ps.setString(3, p.platformId());
                ps.setString(4, p.redirectUri().toString());
                ps.setString(5, p.owner());
                ps.setLong(6, Jdbc.nanos(p.expiresAt()));
                ps.setString(7, p.state());
            };
            Jdbc.upsert(c, "UPDATE pending_authorizations SET verifier = ?, plugin_state = ?, platform_id = ?,"
                    + " redirect_uri = ?, owner = ?, expires_at = ? WHERE state = ?", bind,
                    "INSERT INTO pending_authorizations (verifier, plugin_state, platform_id, redirect_uri, owner,"
                    + " expires_at, state) VALUES (?, ?, ?, ?, ?, ?, ?)", bind);
            return null;
        });
    }

    @Override
    public Optional<PendingAuthorization> take(String state, Instant now) {
        return jdbc.withConnection("taking a pending authorization", c -> {
            PendingAuthorization found;
            try (PreparedStatement ps = c.prepareStatement("SELECT verifier, plugin_state, platform_id,"
                    + " redirect_uri, owner, expires_at FROM pending_authorizations WHERE state = ?")) {
                ps.setString(1, state);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String verifier = new String(cipher.open(rs.getBytes("verifier"), aad(state),
                            "pending authorization"), StandardCharsets.US_ASCII);
                    byte[] sealedState = rs.getBytes("plugin_state");
                    String pluginState = sealedState == null ? null : new String(cipher.open(sealedState,
                            pluginStateAad(state), "plugin state of a pending authorization"),
                            StandardCharsets.UTF_8);
                    found = new PendingAuthorization(state, new PkceVerifier(verifier), rs.getString("platform_id"),
                            URI.create(rs.getString("redirect_uri")), rs.getString("owner"),
                            Jdbc.instant(rs.getLong("expires_at")), pluginState);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending_authorizations WHERE state = ?")) {
                ps.setString(1, state);
                if (ps.executeUpdate() != 1) {
                    return Optional.empty(); // another caller took it between our read and our delete
                }
            }
            return found.isExpiredAt(now) ? Optional.empty() : Optional.of(found);
        });
    }

    @Override
    public int purgeExpired(Instant now) {
        return jdbc.withConnection("removing expired authorizations", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM pending_authorizations WHERE expires_at <= ?")) {
                ps.setLong(1, Jdbc.nanos(now));
                return ps.executeUpdate();
            }
        });
    }

    private static byte[] aad(String state) {
        return ("outpost:pending:" + state).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pluginStateAad(String state) {
        return ("outpost:pending-plugin-state:" + state).getBytes(StandardCharsets.UTF_8);
    }
}
