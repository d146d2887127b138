package dev.outpost.storage;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.media.FileFingerprint;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.Draft;
import dev.outpost.domain.post.FocalPoint;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Placement;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.domain.post.PublishIntent;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.storage.PublicationStore;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link PublicationStore} over JDBC: the publication in one row, its media in {@code publication_media}.
 * Updates compare the version in their {@code WHERE}; a claim, and a take-over (compare-and-set on the holder), is
 * one conditional {@code UPDATE}, so the database picks the single winner.
 */
final class JdbcPublicationStore implements PublicationStore {
    private static final String DATA_COLUMNS = "account_id, state, draft_text, reply_to, scheduled_at,"
            + " draft_options, idempotency_key, intent_text_sha256, intent_media_ids, intent_sent_at, intent_attempt,"
            + " remote_post_id, remote_url, remote_reply_ref, failure, created_at, updated_at, version, group_id, item,"
            + " follows";
    /** The number of {@link #DATA_COLUMNS}; the id follows them in every statement. */
    private static final int DATA_COUNT = DATA_COLUMNS.split(",").length;
    private static final String SELECT = "SELECT id, " + DATA_COLUMNS + " FROM publications";

    private final Jdbc jdbc;

    JdbcPublicationStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Publication create(Publication publication) {
        return createAll(List.of(publication)).get(0);
    }

    @Override
    public List<Publication> createAll(List<Publication> publications) {
        List<Publication> stored = publications.stream().map(p -> p.withVersion(1)).toList();
        String what = stored.size() == 1 ? "creating publication " + stored.get(0).id()
                : "creating " + stored.size() + " publications";
        try {
            return jdbc.inTransaction(what, c -> {
                insert(c, stored);
                return stored;
            });
        } catch (dev.outpost.ports.storage.StorageException e) {
            if (e.getCause() instanceof SQLException s && Jdbc.isUniqueViolation(s)) {
                throw new IllegalStateException(stored.size() == 1 ? "publication " + stored.get(0).id()
                        + " already exists" : "one of the publications already exists", e);
            }
            throw e;
        }
    }

    private static void insert(Connection c, List<Publication> stored) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO publications (" + DATA_COLUMNS
                + ", id) VALUES (" + String.join(", ", Collections.nCopies(DATA_COUNT + 1, "?")) + ")")) {
            for (Publication p : stored) {
                bind(ps, p);
                ps.executeUpdate();
            }
        }
        for (Publication p : stored) {
            insertMedia(c, p);
        }
    }

    @Override
    public List<Publication> group(GroupId group) {
        return jdbc.withConnection("reading group " + group, c -> query(c, SELECT
                + " WHERE group_id = ? ORDER BY account_id, item", List.of(group.value())));
    }

    @Override
    public Optional<Publication> follower(PublicationId id) {
        return jdbc.withConnection("reading the follower of publication " + id, c -> query(c, SELECT
                + " WHERE follows = ?", List.of(id.value())).stream().findFirst());
    }

    @Override
    public boolean replaceQueued(List<Publication> old, List<Publication> created) {
        List<Publication> stored = created.stream().map(p -> p.withVersion(1)).toList();
        try {
            return jdbc.inTransaction("replacing " + old.size() + " queued publications", c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM publications WHERE id = ?"
                        + " AND version = ? AND state = ?")) {
                    for (Publication p : old) {
                        ps.setString(1, p.id().value());
                        ps.setLong(2, p.version());
                        ps.setString(3, PublicationState.QUEUED.name());
                        if (ps.executeUpdate() != 1) {
                            throw new Replaced();
                        }
                    }
                }
                insert(c, stored);
                return true;
            });
        } catch (Replaced changedMeanwhile) {
            return false;
        } catch (dev.outpost.ports.storage.StorageException e) {
            if (e.getCause() instanceof SQLException s && Jdbc.isUniqueViolation(s)) {
                return false;
            }
            throw e;
        }
    }

    /** Rolls a replacement back when one of the old publications changed meanwhile. */
    private static final class Replaced extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Replaced() {
            super("changed meanwhile", null, false, false);
        }
    }

    @Override
    public Optional<Publication> find(PublicationId id) {
        return jdbc.withConnection("reading publication " + id, c -> {
            List<Publication> found = query(c, SELECT + " WHERE id = ?", List.of(id.value()));
            return found.stream().findFirst();
        });
    }

    @Override
    public Optional<Publication> update(Publication next) {
        Publication stored = next.withVersion(next.version() + 1);
        return jdbc.inTransaction("updating publication " + next.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE publications SET "
                    + DATA_COLUMNS.replace(",", " = ?,") + " = ? WHERE id = ? AND version = ?")) {
                bind(ps, stored);
                ps.setLong(DATA_COUNT + 2, next.version());
                if (ps.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM publication_media WHERE publication_id = ?")) {
                ps.setString(1, next.id().value());
                ps.executeUpdate();
            }
            insertMedia(c, stored);
            return Optional.of(stored);
        });
    }

    @Override
    public boolean claim(PublicationId id, String worker, Instant now, Duration lease) {
        return jdbc.withConnection("claiming publication " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE publications SET claimed_by = ?,"
                    + " claim_expires_at = ? WHERE id = ? AND (claimed_by IS NULL OR claimed_by = ?"
                    + " OR claim_expires_at <= ?)")) {
                ps.setString(1, worker);
                ps.setLong(2, Jdbc.nanos(now.plus(lease)));
                ps.setString(3, id.value());
                ps.setString(4, worker);
                ps.setLong(5, Jdbc.nanos(now));
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<String> claimHolder(PublicationId id, Instant now) {
        return jdbc.withConnection("reading the claim on publication " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT claimed_by FROM publications WHERE id = ?"
                    + " AND claimed_by IS NOT NULL AND claim_expires_at > ?")) {
                ps.setString(1, id.value());
                ps.setLong(2, Jdbc.nanos(now));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public boolean takeOver(PublicationId id, String holder, String worker, Instant now, Duration lease) {
        return jdbc.withConnection("taking over the claim on publication " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE publications SET claimed_by = ?,"
                    + " claim_expires_at = ? WHERE id = ? AND claimed_by = ?")) {
                ps.setString(1, worker);
                ps.setLong(2, Jdbc.nanos(now.plus(lease)));
                ps.setString(3, id.value());
                ps.setString(4, holder);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void release(PublicationId id, String worker) {
        jdbc.withConnection("releasing publication " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE publications SET claimed_by = NULL,"
                    + " claim_expires_at = NULL WHERE id = ? AND claimed_by = ?")) {
                ps.setString(1, id.value());
                ps.setString(2, worker);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Set<String> mediaFileNames() {
        return jdbc.withConnection("listing the publications' media files", c -> {
            Set<String> names = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT file_path FROM publication_media");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Path name = Path.of(rs.getString(1)).getFileName();
                    if (name != null) {
                        names.add(name.toString());
                    }
                }
            }
            return names;
        });
    }

    @Override
    public List<Publication> list(Query query) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<String> params = new ArrayList<>();
        if (!query.states().isEmpty()) {
            sql.append(" AND state IN (").append(String.join(", ", Collections.nCopies(query.states().size(), "?")))
                    .append(')');
            query.states().stream().map(Enum::name).sorted().forEach(params::add);
        }
        if (query.account() != null) {
            sql.append(" AND account_id = ?");
            params.add(query.account().value());
        }
        if (query.group() != null) {
            sql.append(" AND group_id = ?");
            params.add(query.group().value());
        }
        sql.append(" ORDER BY created_at DESC, seq DESC").append(jdbc.dialect().firstRows(query.limit()));

        return jdbc.withConnection("listing publications", c -> query(c, sql.toString(), params));
    }

    private static void bind(PreparedStatement ps, Publication p) throws SQLException {
        ps.setString(1, p.account().value());
        ps.setString(2, p.state().name());
        ps.setString(3, p.draft().text());
        ps.setString(4, p.draft().replyTo());
        Jdbc.setInstant(ps, 5, p.draft().scheduledAt());
        ps.setString(6, TextCodec.stringMap(p.draft().options()));
        ps.setString(7, p.idempotencyKey());
        PublishIntent intent = p.intent();
        ps.setString(8, intent == null ? null : intent.textSha256());
        ps.setString(9, intent == null ? null : TextCodec.stringList(intent.mediaIds()));
        Jdbc.setInstant(ps, 10, intent == null ? null : intent.sentAt());
        Jdbc.setInt(ps, 11, intent == null ? null : intent.attempt());
        RemotePost remote = p.remote();
        ps.setString(12, remote == null ? null : remote.id());
        ps.setString(13, remote == null || remote.url() == null ? null : remote.url().toString());
        ps.setString(14, remote == null ? null : remote.replyRef());
        ps.setString(15, p.failure());
        ps.setLong(16, Jdbc.nanos(p.createdAt()));
        ps.setLong(17, Jdbc.nanos(p.updatedAt()));
        ps.setLong(18, p.version());
        Placement placement = p.placement();
        ps.setString(19, placement == null ? null : placement.group().value());
        ps.setInt(20, placement == null ? 0 : placement.item());
        ps.setString(21, placement == null || placement.follows() == null ? null : placement.follows().value());
        ps.setString(22, p.id().value());
    }

    private static void insertMedia(Connection c, Publication p) throws SQLException {
        List<MediaAttachment> media = p.draft().media();
        if (media.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO publication_media (publication_id, position,"
                + " file_path, media_type, file_size, file_modified_at, file_sha256, alt_text, focus_x, focus_y)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < media.size(); i++) {
                MediaFile file = media.get(i).file();
                ps.setString(1, p.id().value());
                ps.setInt(2, i);
                ps.setString(3, file.path().toString());
                ps.setString(4, file.type().name());
                ps.setLong(5, file.fingerprint().size());
                ps.setLong(6, Jdbc.nanos(file.fingerprint().modifiedAt()));
                ps.setString(7, file.fingerprint().sha256());
                ps.setString(8, media.get(i).altText());
                FocalPoint focus = media.get(i).focus();
                if (focus == null) {
                    ps.setNull(9, Types.DOUBLE);
                    ps.setNull(10, Types.DOUBLE);
                } else {
                    ps.setDouble(9, focus.x());
                    ps.setDouble(10, focus.y());
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<Publication> query(Connection c, String sql, List<String> params) throws SQLException {
        List<Publication> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(c, rs));
                }
            }
        }
        return out;
    }

    private static Publication read(Connection c, ResultSet rs) throws SQLException {
        PublicationId id = new PublicationId(rs.getString("id"));
        Draft draft = new Draft(rs.getString("draft_text"), media(c, id), rs.getString("reply_to"),
                Jdbc.nullableInstant(rs, "scheduled_at"), TextCodec.map(rs.getString("draft_options")));
        Instant sentAt = Jdbc.nullableInstant(rs, "intent_sent_at");
        PublishIntent intent = sentAt == null ? null : new PublishIntent(rs.getString("intent_text_sha256"),
                TextCodec.strings(rs.getString("intent_media_ids")), sentAt, rs.getInt("intent_attempt"));
        String remoteId = rs.getString("remote_post_id");
        String remoteUrl = rs.getString("remote_url");
        RemotePost remote = remoteId == null ? null : new RemotePost(remoteId,
                remoteUrl == null ? null : URI.create(remoteUrl), rs.getString("remote_reply_ref"));
        return new Publication(id, new AccountId(rs.getString("account_id")), draft,
                rs.getString("idempotency_key"), PublicationState.valueOf(rs.getString("state")), intent, remote,
                rs.getString("failure"), Jdbc.instant(rs.getLong("created_at")),
                Jdbc.instant(rs.getLong("updated_at")), rs.getLong("version"), placement(rs));
    }

    private static Placement placement(ResultSet rs) throws SQLException {
        String group = rs.getString("group_id");
        String follows = rs.getString("follows");
        return group == null ? null : new Placement(GroupId.of(group), rs.getInt("item"),
                follows == null ? null : new PublicationId(follows));
    }

    private static List<MediaAttachment> media(Connection c, PublicationId id) throws SQLException {
        List<MediaAttachment> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT file_path, media_type, file_size, file_modified_at,"
                + " file_sha256, alt_text, focus_x, focus_y FROM publication_media WHERE publication_id = ?"
                + " ORDER BY position")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double x = rs.getDouble("focus_x");
                    boolean noFocus = rs.wasNull();
                    double y = rs.getDouble("focus_y");
                    FocalPoint focus = noFocus || rs.wasNull() ? null : new FocalPoint(x, y);
                    out.add(new MediaAttachment(new MediaFile(Path.of(rs.getString("file_path")),
                            MediaType.valueOf(rs.getString("media_type")), new FileFingerprint(
                                    rs.getLong("file_size"), Jdbc.instant(rs.getLong("file_modified_at")),
                                    rs.getString("file_sha256"))), rs.getString("alt_text"), focus));
                }
            }
        }
        return out;
    }
}
