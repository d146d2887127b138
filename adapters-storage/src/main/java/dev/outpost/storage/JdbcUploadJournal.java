package dev.outpost.storage;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.media.FileFingerprint;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.upload.ChunkPlan;
import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.domain.upload.RemoteMedia;
import dev.outpost.domain.upload.UploadId;
import dev.outpost.domain.upload.UploadSession;
import dev.outpost.domain.upload.UploadTarget;
import dev.outpost.ports.storage.StorageException;
import dev.outpost.ports.storage.UploadJournal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link UploadJournal} over JDBC: one row per upload, whatever its state, with every field of that state. A save
 * is committed (durable) when it returns.
 */
final class JdbcUploadJournal implements UploadJournal {
    private static final String DATA_COLUMNS = "state, account_id, file_path, media_type, file_size, file_modified_at,"
            + " file_sha256, media_id, media_expires_at, plan_total_bytes, plan_chunk_size, plan_segments,"
            + " acknowledged, processing_state, check_after, progress_percent, processing_error, failure_reason";
    private static final String SELECT = "SELECT upload_id, " + DATA_COLUMNS + " FROM upload_sessions";
    private static final String UNFINISHED = "('initialized', 'appending', 'finalizing', 'processing')";

    private final Jdbc jdbc;

    JdbcUploadJournal(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The columns of one state, flattened; fields a state does not have stay null. */
    private record Row(UploadSession session, ChunkPlan plan, List<Integer> acknowledged, ProcessingStatus status,
            String failure) {
        static Row of(UploadSession s) {
            if (s instanceof UploadSession.Appending a) {
                return new Row(s, a.plan(), a.acknowledged(), null, null);
            }
            if (s instanceof UploadSession.Finalizing f) {
                return new Row(s, f.plan(), null, null, null);
            }
            if (s instanceof UploadSession.Processing p) {
                return new Row(s, null, null, p.status(), null);
            }
            if (s instanceof UploadSession.Failed f) {
                return new Row(s, null, null, null, f.reason());
            }
            return new Row(s, null, null, null, null);
        }
    }

    @Override
    public void save(UploadSession session) {
        Row row = Row.of(session);
        Jdbc.Binder bind = ps -> bind(ps, row);
        jdbc.withConnection("journaling upload " + session.id(), c -> {
            Jdbc.upsert(c, "UPDATE upload_sessions SET " + DATA_COLUMNS.replace(",", " = ?,") + " = ?"
                    + " WHERE upload_id = ?", bind,
                    "INSERT INTO upload_sessions (" + DATA_COLUMNS + ", upload_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", bind);
            return null;
        });
    }

    private static void bind(PreparedStatement ps, Row row) throws SQLException {
        UploadSession s = row.session();
        MediaFile file = s.target().file();
        ps.setString(1, s.stateName());
        ps.setString(2, s.target().account().value());
        ps.setString(3, file.path().toString());
        ps.setString(4, file.type().name());
        ps.setLong(5, file.fingerprint().size());
        ps.setLong(6, Jdbc.nanos(file.fingerprint().modifiedAt()));
        ps.setString(7, file.fingerprint().sha256());
        ps.setString(8, s.media() == null ? null : s.media().mediaId());
        Jdbc.setInstant(ps, 9, s.media() == null ? null : s.media().expiresAt());
        Jdbc.setLong(ps, 10, row.plan() == null ? null : row.plan().totalBytes());
        Jdbc.setLong(ps, 11, row.plan() == null ? null : row.plan().chunkSize());
        ps.setString(12, row.plan() == null ? null : TextCodec.segmentLengths(row.plan().segments()));
        ps.setString(13, row.acknowledged() == null ? null : TextCodec.indexRanges(row.acknowledged()));
        ProcessingStatus status = row.status();
        ps.setString(14, status == null ? null : status.state().name());
        ps.setString(15, status == null ? null : status.checkAfter().toString());
        if (status == null) {
            ps.setNull(16, Types.INTEGER);
        } else {
            ps.setInt(16, status.progressPercent());
        }
        ps.setString(17, status == null ? null : status.errorMessage());
        ps.setString(18, row.failure());
        ps.setString(19, s.id().value());
    }

    @Override
    public Optional<UploadSession> find(UploadId id) {
        return jdbc.withConnection("reading upload " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE upload_id = ?")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<UploadSession> listUnfinished() {
        return jdbc.withConnection("listing unfinished uploads", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE state IN " + UNFINISHED + " ORDER BY seq");
                    ResultSet rs = ps.executeQuery()) {
                List<UploadSession> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        });
    }

    @Override
    public void delete(UploadId id) {
        jdbc.withConnection("deleting upload " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM upload_sessions WHERE upload_id = ?")) {
                ps.setString(1, id.value());
                return ps.executeUpdate();
            }
        });
    }

    private static UploadSession read(ResultSet rs) throws SQLException {
        UploadTarget target = new UploadTarget(new UploadId(rs.getString("upload_id")),
                new AccountId(rs.getString("account_id")),
                new MediaFile(Path.of(rs.getString("file_path")), MediaType.valueOf(rs.getString("media_type")),
                        new FileFingerprint(rs.getLong("file_size"), Jdbc.instant(rs.getLong("file_modified_at")),
                                rs.getString("file_sha256"))));
        String mediaId = rs.getString("media_id");
        RemoteMedia media = mediaId == null ? null
                : new RemoteMedia(mediaId, Jdbc.nullableInstant(rs, "media_expires_at"));
        String state = rs.getString("state");
        return switch (state) {
            case "initialized", "appending" -> new UploadSession.Appending(target, media, plan(rs),
                    TextCodec.indexes(rs.getString("acknowledged")));
            case "finalizing" -> new UploadSession.Finalizing(target, media, plan(rs));
            case "processing" -> new UploadSession.Processing(target, media, new ProcessingStatus(
                    ProcessingStatus.State.valueOf(rs.getString("processing_state")),
                    Duration.parse(rs.getString("check_after")), rs.getInt("progress_percent"),
                    rs.getString("processing_error")));
            case "succeeded" -> new UploadSession.Succeeded(target, media);
            case "failed" -> new UploadSession.Failed(target, media, rs.getString("failure_reason"));
            case "expired" -> new UploadSession.Expired(target, media);
            default -> throw new StorageException("Upload " + target.id() + " is stored in an unknown state '" + state
                    + "'; a newer Outpost may have written it.");
        };
    }

    private static ChunkPlan plan(ResultSet rs) throws SQLException {
        return new ChunkPlan(rs.getLong("plan_total_bytes"), rs.getLong("plan_chunk_size"),
                TextCodec.segments(rs.getString("plan_segments")));
    }
}
