package dev.outpost.storage;

import dev.outpost.ports.storage.SavedDraft;
import dev.outpost.ports.storage.SavedDraftStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link SavedDraftStore} over JDBC: one row per draft in {@code saved_drafts}. */
final class JdbcSavedDraftStore implements SavedDraftStore {
    private static final String SELECT = "SELECT id, title, content, updated_at FROM saved_drafts";

    private final Jdbc jdbc;

    JdbcSavedDraftStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public SavedDraft save(SavedDraft draft) {
        return jdbc.withConnection("saving draft " + draft.id(), c -> {
            Jdbc.Binder bind = ps -> {
                ps.setString(1, draft.title());
                ps.setString(2, draft.content());
                ps.setLong(3, Jdbc.nanos(draft.updatedAt()));
                ps.setString(4, draft.id());
            };
            Jdbc.upsert(c, "UPDATE saved_drafts SET title = ?, content = ?, updated_at = ? WHERE id = ?", bind,
                    "INSERT INTO saved_drafts (title, content, updated_at, id) VALUES (?, ?, ?, ?)", bind);
            return draft;
        });
    }

    @Override
    public Optional<SavedDraft> find(String id) {
        return jdbc.withConnection("reading draft " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<SavedDraft>empty();
                }
            }
        });
    }

    @Override
    public List<SavedDraft> list(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return jdbc.withConnection("listing drafts", c -> {
            List<SavedDraft> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY updated_at DESC, id FETCH FIRST "
                    + limit + " ROWS ONLY"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    @Override
    public void delete(String id) {
        jdbc.withConnection("deleting draft " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM saved_drafts WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate();
            }
        });
    }

    private static SavedDraft read(ResultSet rs) throws SQLException {
        return new SavedDraft(rs.getString("id"), rs.getString("title"), rs.getString("content"),
                Jdbc.instant(rs.getLong("updated_at")));
    }
}
