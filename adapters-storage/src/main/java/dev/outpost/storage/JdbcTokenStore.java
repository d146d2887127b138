package dev.outpost.storage;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.storage.StorageException;
import dev.outpost.ports.storage.TokenStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link TokenStore} over JDBC, the tokens and the plugin's state sealed together with AES-256-GCM (the account id as
 * associated data). The sealed payload is versioned: format 1 (written before plugin state existed: access and
 * refresh token) is still read; format 2 adds the plugin's state and is what is written.
 * {@link #refreshExclusively} holds the token row's lock ({@code SELECT ... FOR UPDATE}) for the whole step, so
 * instances sharing the database refresh one at a time; within one instance a lock per account keeps waiting
 * threads from each holding a pooled connection. SQLite has no row locks, and holding its one write lock while the
 * platform answers would stop every other writer (and other accounts' refreshes) meanwhile: there the hold is the
 * account's range of the lock file ({@link FileLocks}), and the new set is stored with a compare-and-swap.
 */
final class JdbcTokenStore implements TokenStore {
    private static final String SELECT = "SELECT version, sealed, expires_at, scopes FROM tokens WHERE account_id = ?";
    /** Access and refresh token: what the first schema wrote. Read, never written. */
    private static final byte FORMAT_TOKENS = 1;
    /** Access token, refresh token, the plugin's state. */
    private static final byte FORMAT_WITH_EXTRA = 2;

    /** How often a refresh held with the lock file decides again when a put outside the hold replaced the set. */
    private static final int HELD_REFRESH_ROUNDS = 3;

    private final Jdbc jdbc;
    private final TokenCipher cipher;
    private final FileLocks holds;
    private final ConcurrentHashMap<AccountId, ReentrantLock> localLocks = new ConcurrentHashMap<>();

    /** @param holds the lock file that holds refreshes, or null to hold the token row (databases with row locks) */
    JdbcTokenStore(Jdbc jdbc, TokenCipher cipher, FileLocks holds) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.holds = holds;
    }

    @Override
    public Optional<TokenSet> find(AccountId account) {
        return jdbc.withConnection("reading the tokens of " + account, c -> read(c, account, false));
    }

    @Override
    public TokenSet put(AccountId account, TokenSet tokens) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.inTransaction("storing the tokens of " + account, c -> {
                    Optional<TokenSet> current = read(c, account, true);
                    if (current.isPresent()) {
                        long next = current.get().version() + 1;
                        update(c, account, current.get().version(), tokens.withVersion(next));
                        return tokens.withVersion(next);
                    }
                    insert(c, account, tokens.withVersion(1));
                    return tokens.withVersion(1);
                });
            } catch (StorageException e) {
                // Two first puts raced to insert: the loser goes again and replaces the winner's set.
                if (attempt >= 3 || !(e.getCause() instanceof SQLException s && Jdbc.isUniqueViolation(s))) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Optional<TokenSet> compareAndSwap(AccountId account, long expectedVersion, TokenSet next) {
        TokenSet stored = next.withVersion(expectedVersion + 1);
        boolean swapped = jdbc.withConnection("replacing the tokens of " + account,
                c -> update(c, account, expectedVersion, stored));
        return swapped ? Optional.of(stored) : Optional.empty();
    }

    @Override
    public TokenSet refreshExclusively(AccountId account, Refresh refresh) {
        if (holds != null) {
            return holds.holding("tokens:" + account.value(), () -> refreshHeld(account, refresh));
        }
        ReentrantLock local = localLocks.computeIfAbsent(account, a -> new ReentrantLock());
        local.lock();
        try {
            return jdbc.inTransaction("refreshing the tokens of " + account, c -> {
                TokenSet current = read(c, account, true).orElseThrow(() -> new NoSuchElementException(
                        "account " + account + " has no tokens to refresh"));
                TokenSet next = refresh.apply(current);
                if (next == current || next.equals(current)) {
                    return current;
                }
                TokenSet stored = next.withVersion(current.version() + 1);
                if (!update(c, account, current.version(), stored)) {
                    throw new IllegalStateException("the token row of " + account + " changed under its lock");
                }
                return stored;
            });
        } finally {
            local.unlock();
        }
    }

    /**
     * The refresh step under the lock file's hold: only other refreshes wait for it, so a put or swap may still
     * replace the set while the platform answers; the step then decides again on the set that is stored now.
     */
    private TokenSet refreshHeld(AccountId account, Refresh refresh) {
        for (int round = 1; ; round++) {
            TokenSet current = find(account).orElseThrow(() -> new NoSuchElementException(
                    "account " + account + " has no tokens to refresh"));
            TokenSet next = refresh.apply(current);
            if (next == current || next.equals(current)) {
                return current;
            }
            Optional<TokenSet> stored = compareAndSwap(account, current.version(), next);
            if (stored.isPresent()) {
                return stored.get();
            }
            if (round >= HELD_REFRESH_ROUNDS) {
                throw new IllegalStateException("the tokens of " + account + " kept changing during a refresh");
            }
        }
    }

    @Override
    public void delete(AccountId account) {
        jdbc.withConnection("deleting the tokens of " + account, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tokens WHERE account_id = ?")) {
                ps.setString(1, account.value());
                return ps.executeUpdate();
            }
        });
    }

    private Optional<TokenSet> read(Connection c, AccountId account, boolean lock) throws SQLException {
        // SQLite: a transaction holds the whole database already (it begins immediately), no clause needed.
        boolean forUpdate = lock && jdbc.dialect().rowLocks();
        try (PreparedStatement ps = c.prepareStatement(forUpdate ? SELECT + " FOR UPDATE" : SELECT)) {
            ps.setString(1, account.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String[] secrets = unseal(account, rs.getBytes("sealed"));
                String scopes = rs.getString("scopes");
                Set<String> scopeSet = scopes.isEmpty() ? Set.of() : Set.of(scopes.split(" "));
                return Optional.of(new TokenSet(secrets[0], secrets[1], Jdbc.nullableInstant(rs, "expires_at"),
                        scopeSet, secrets[2], rs.getLong("version")));
            }
        }
    }

    private boolean update(Connection c, AccountId account, long expectedVersion, TokenSet stored)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tokens SET version = ?, sealed = ?, expires_at = ?,"
                + " scopes = ? WHERE account_id = ? AND version = ?")) {
            ps.setLong(1, stored.version());
            ps.setBytes(2, seal(account, stored));
            Jdbc.setInstant(ps, 3, stored.expiresAt());
            ps.setString(4, scopes(stored));
            ps.setString(5, account.value());
            ps.setLong(6, expectedVersion);
            return ps.executeUpdate() == 1;
        }
    }

    private void insert(Connection c, AccountId account, TokenSet stored) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tokens (account_id, version, sealed, expires_at,"
                + " scopes) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, account.value());
            ps.setLong(2, stored.version());
            ps.setBytes(3, seal(account, stored));
            Jdbc.setInstant(ps, 4, stored.expiresAt());
            ps.setString(5, scopes(stored));
            ps.executeUpdate();
        }
    }

    private static String scopes(TokenSet tokens) {
        return String.join(" ", new TreeSet<>(tokens.scopes()));
    }

    private static byte[] associatedData(AccountId account) {
        return ("outpost:tokens:" + account.value()).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] seal(AccountId account, TokenSet tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_WITH_EXTRA);
            writeString(out, tokens.accessToken());
            writeOptionalString(out, tokens.refreshToken());
            writeOptionalString(out, tokens.extra());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        byte[] plain = bytes.toByteArray();
        try {
            return cipher.seal(plain, associatedData(account));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** @return the access token, the refresh token or null, the plugin's state or null */
    private String[] unseal(AccountId account, byte[] sealed) {
        byte[] plain = cipher.open(sealed, associatedData(account), "tokens of " + account);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            byte format = in.readByte();
            if (format != FORMAT_TOKENS && format != FORMAT_WITH_EXTRA) {
                throw new StorageException("The stored tokens of " + account + " are in an unknown format ("
                        + format + "); a newer Outpost may have written them.");
            }
            String access = readString(in);
            String refresh = readOptionalString(in);
            String extra = format == FORMAT_WITH_EXTRA ? readOptionalString(in) : null;
            if (in.available() > 0) {
                throw new IOException("trailing bytes");
            }
            return new String[] {access, refresh, extra};
        } catch (IOException e) {
            throw new StorageException("The stored tokens of " + account + " are damaged.", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static void writeOptionalString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeString(out, value);
        }
    }

    private static String readOptionalString(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad length");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
