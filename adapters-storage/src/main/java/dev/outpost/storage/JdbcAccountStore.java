package dev.outpost.storage;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.ports.storage.AccountStore;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link AccountStore} over JDBC. Thread-safe. */
final class JdbcAccountStore implements AccountStore {
    private static final String COLUMNS = "id, platform_user_id, handle, display_name, server, status, connected_at";

    private final Jdbc jdbc;

    JdbcAccountStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(Account account) {
        jdbc.withConnection("saving account " + account.id(), c -> {
            Jdbc.Binder bind = ps -> {
                bind(ps, account, 1);
                ps.setString(9, account.id().value());
            };
            Jdbc.upsert(c, "UPDATE accounts SET platform_id = ?, platform_user_id = ?, handle = ?, handle_key = ?,"
                    + " display_name = ?, server = ?, status = ?, connected_at = ? WHERE id = ?", bind,
                    "INSERT INTO accounts (platform_id, platform_user_id, handle, handle_key, display_name, server,"
                    + " status, connected_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", bind);
            return null;
        });
    }

    private static void bind(PreparedStatement ps, Account a, int from) throws SQLException {
        ps.setString(from, a.platformId());
        ps.setString(from + 1, a.platformUserId());
        ps.setString(from + 2, a.handle());
        ps.setString(from + 3, handleKey(a.handle()));
        ps.setString(from + 4, a.displayName());
        ps.setString(from + 5, a.server() == null ? null : a.server().toString());
        ps.setString(from + 6, a.status().name());
        ps.setLong(from + 7, Jdbc.nanos(a.connectedAt()));
    }

    @Override
    public Optional<Account> find(AccountId id) {
        return jdbc.withConnection("reading account " + id, c -> one(c,
                "SELECT " + COLUMNS + " FROM accounts WHERE id = ?", id.value()));
    }

    @Override
    public Optional<Account> findByHandle(String platformId, String handle) {
        return jdbc.withConnection("finding an account by handle", c -> one(c,
                "SELECT " + COLUMNS + " FROM accounts WHERE platform_id = ? AND handle_key = ? ORDER BY id",
                platformId, handleKey(handle)));
    }

    @Override
    public List<Account> list() {
        return jdbc.withConnection("listing accounts", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM accounts ORDER BY platform_id, handle_key, id");
                    ResultSet rs = ps.executeQuery()) {
                List<Account> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        });
    }

    @Override
    public boolean updateStatus(AccountId id, AccountStatus status) {
        return jdbc.withConnection("updating the status of account " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET status = ? WHERE id = ?")) {
                ps.setString(1, status.name());
                ps.setString(2, id.value());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(AccountId id) {
        return jdbc.withConnection("deleting account " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM accounts WHERE id = ?")) {
                ps.setString(1, id.value());
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static Optional<Account> one(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Account read(ResultSet rs) throws SQLException {
        String server = rs.getString("server");
        return new Account(new AccountId(rs.getString("id")), rs.getString("platform_user_id"),
                rs.getString("handle"), rs.getString("display_name"), server == null ? null : URI.create(server),
                AccountStatus.valueOf(rs.getString("status")), Jdbc.instant(rs.getLong("connected_at")));
    }

    static String handleKey(String handle) {
        String h = handle.strip();
        return (h.startsWith("@") ? h.substring(1) : h).toLowerCase(Locale.ROOT);
    }
}
