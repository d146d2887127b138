package dev.outpost.storage;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.media.FileFingerprint;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.domain.upload.UploadId;
import dev.outpost.ports.storage.StorageException;
import dev.outpost.ports.storage.UploadJournal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link UploadJournal} over JDBC: one row per upload, the plugin's state kept as the opaque text it is. A save is
 * committed (durable) when it returns; saving again keeps the row's place in the oldest-first order.
 */
final class JdbcUploadJournal implements UploadJournal {
    private static final String DATA_COLUMNS = "account_id, file_path, media_type, file_size, file_modified_at,"
            + " file_sha256, phase, state, bytes_acknowledged, expires_at";
    private static final String SELECT = "SELECT upload_id, " + DATA_COLUMNS + " FROM upload_checkpoints";
    private static final String READY = UploadCheckpoint.Phase.READY.name();

    private final Jdbc jdbc;

    JdbcUploadJournal(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(UploadCheckpoint checkpoint) {
        Jdbc.Binder bind = ps -> bind(ps, checkpoint);
        jdbc.withConnection("journaling upload " + checkpoint.id(), c -> {
            Jdbc.upsert(c, "UPDATE upload_checkpoints SET " + DATA_COLUMNS.replace(",", " = ?,") + " = ?"
                    + " WHERE upload_id = ?", bind,
                    "INSERT INTO upload_checkpoints (" + DATA_COLUMNS + ", upload_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", bind);
            return null;
        });
    }

    private static void bind(PreparedStatement ps, UploadCheckpoint checkpoint) throws SQLException {
        MediaFile file = checkpoint.file();
        ps.setString(1, checkpoint.account().value());
        ps.setString(2, file.path().toString());
        ps.setString(3, file.type().name());
        ps.setLong(4, file.fingerprint().size());
        ps.setLong(5, Jdbc.nanos(file.fingerprint().modifiedAt()));
        ps.setString(6, file.fingerprint().sha256());
        ps.setString(7, checkpoint.phase().name());
        ps.setString(8, checkpoint.state());
        ps.setLong(9, checkpoint.bytesAcknowledged());
        Jdbc.setInstant(ps, 10, checkpoint.expiresAt());
        ps.setString(11, checkpoint.id().value());
    }

    @Override
    public Optional<UploadCheckpoint> find(UploadId id) {
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
    public List<UploadCheckpoint> listUnfinished() {
        return jdbc.withConnection("listing unfinished uploads", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE phase <> ? ORDER BY seq")) {
                ps.setString(1, READY);
                try (ResultSet rs = ps.executeQuery()) {
                    List<UploadCheckpoint> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public void delete(UploadId id) {
        jdbc.withConnection("deleting upload " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM upload_checkpoints WHERE upload_id = ?")) {
                ps.setString(1, id.value());
                return ps.executeUpdate();
            }
        });
    }

    private static UploadCheckpoint read(ResultSet rs) throws SQLException {
        UploadId id = new UploadId(rs.getString("upload_id"));
        MediaFile file = new MediaFile(Path.of(rs.getString("file_path")), MediaType.valueOf(rs.getString("media_type")),
                new FileFingerprint(rs.getLong("file_size"), Jdbc.instant(rs.getLong("file_modified_at")),
                        rs.getString("file_sha256")));
        String phase = rs.getString("phase");
        UploadCheckpoint.Phase known;
        try {
            known = UploadCheckpoint.Phase.valueOf(phase);
        } catch (IllegalArgumentException e) {
            throw new StorageException("Upload " + id + " is stored in an unknown phase '" + phase + "'; a newer"
                    + " Outpost may have written it.");
        }
        return new UploadCheckpoint(id, new AccountId(rs.getString("account_id")), file, known,
                rs.getString("state"), rs.getLong("bytes_acknowledged"), Jdbc.nullableInstant(rs, "expires_at"));
    }
}
