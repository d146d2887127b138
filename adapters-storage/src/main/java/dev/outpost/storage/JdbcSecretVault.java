package dev.outpost.storage;

import dev.outpost.ports.storage.SecretVault;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SecretVault} over JDBC: one row per plugin and key, the value sealed with AES-256-GCM, the plugin id and
 * key being the associated data (so a value copied to another row does not open). {@link #putIfAbsent} is an insert
 * that the primary key lets only one instance win; the losers read the winner's value.
 */
final class JdbcSecretVault implements SecretVault {
    /** Rounds of insert-then-read before giving up, for a value deleted each time between the two. */
    private static final int PUT_IF_ABSENT_ROUNDS = 5;

    private final Jdbc jdbc;
    private final TokenCipher cipher;

    JdbcSecretVault(Jdbc jdbc, TokenCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** One stored secret, for {@link StorageCopy}. */
    record Entry(String platformId, String key, String value) {
    }

    @Override
    public Optional<String> get(String platformId, String key) {
        Objects.requireNonNull(platformId, "platformId");
        Objects.requireNonNull(key, "key");
        return jdbc.withConnection("reading a secret of " + platformId, c -> read(c, platformId, key));
    }

    @Override
    public String putIfAbsent(String platformId, String key, String value) {
        Objects.requireNonNull(value, "value");
        byte[] sealed = seal(platformId, key, value);
        return jdbc.withConnection("storing a secret of " + platformId, c -> {
            for (int round = 1; ; round++) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO secrets (platform_id, name, sealed) VALUES (?, ?, ?)")) {
                    ps.setString(1, platformId);
                    ps.setString(2, key);
                    ps.setBytes(3, sealed);
                    ps.executeUpdate();
                    return value;
                } catch (SQLException e) {
                    if (!Jdbc.isUniqueViolation(e)) {
                        throw e;
                    }
                }
                // Another writer stored it first (its insert committed before ours failed): theirs stands.
                Optional<String> stored = read(c, platformId, key);
                if (stored.isPresent()) {
                    return stored.get();
                }
                if (round >= PUT_IF_ABSENT_ROUNDS) {
                    throw new SQLException("the secret was deleted each time before it could be read back");
                }
            }
        });
    }

    @Override
    public void put(String platformId, String key, String value) {
        Objects.requireNonNull(value, "value");
        byte[] sealed = seal(platformId, key, value);
        jdbc.withConnection("storing a secret of " + platformId, c -> {
            Jdbc.Binder bind = ps -> {
                ps.setBytes(1, sealed);
                ps.setString(2, platformId);
                ps.setString(3, key);
            };
            Jdbc.upsert(c, "UPDATE secrets SET sealed = ? WHERE platform_id = ? AND name = ?", bind,
                    "INSERT INTO secrets (sealed, platform_id, name) VALUES (?, ?, ?)", bind);
            return null;
        });
    }

    @Override
    public void delete(String platformId, String key) {
        jdbc.withConnection("deleting a secret of " + platformId, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM secrets WHERE platform_id = ? AND name = ?")) {
                ps.setString(1, platformId);
                ps.setString(2, key);
                return ps.executeUpdate();
            }
        });
    }

    /** Every secret, opened, by plugin and key: what {@link StorageCopy} moves, since the port cannot list. */
    List<Entry> all() {
        return jdbc.withConnection("listing the plugins' secrets", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT platform_id, name, sealed FROM secrets ORDER BY platform_id, name");
                    ResultSet rs = ps.executeQuery()) {
                List<Entry> out = new ArrayList<>();
                while (rs.next()) {
                    String platformId = rs.getString(1);
                    String key = rs.getString(2);
                    out.add(new Entry(platformId, key, open(platformId, key, rs.getBytes(3))));
                }
                return out;
            }
        });
    }

    private Optional<String> read(Connection c, String platformId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sealed FROM secrets WHERE platform_id = ? AND name = ?")) {
            ps.setString(1, platformId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(open(platformId, key, rs.getBytes(1))) : Optional.empty();
            }
        }
    }

    private byte[] seal(String platformId, String key, String value) {
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        try {
            return cipher.seal(plain, associatedData(platformId, key));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private String open(String platformId, String key, byte[] sealed) {
        byte[] plain = cipher.open(sealed, associatedData(platformId, key), "secret of " + platformId);
        try {
            return new String(plain, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The plugin id's length comes first, so no plugin id and key run together into another pair's. */
    private static byte[] associatedData(String platformId, String key) {
        return ("outpost:secret:" + platformId.length() + ":" + platformId + ":" + key)
                .getBytes(StandardCharsets.UTF_8);
    }
}
