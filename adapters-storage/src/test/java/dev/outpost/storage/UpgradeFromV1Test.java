package dev.outpost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.PkceVerifier;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.FileFingerprint;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.Draft;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.domain.post.PublishIntent;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.Stores;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by the first schema (V1), with data in every table, opened by this version: V2 runs, and
 * everything is there and readable (tokens sealed in the first payload format decrypt, publications have an
 * idempotency key), except the upload sessions, which V2 drops on purpose. The V1 rows are written with plain SQL
 * and the first payload format exactly as the first version wrote them, not through today's stores.
 */
class UpgradeFromV1Test {
    private static final Instant T0 = Instant.parse("2030-06-01T12:00:00.123456789Z");
    private static final AccountId ALICE = new AccountId("x:1001");
    private static final AccountId BOB = new AccountId("x:1002");
    private static final String STATE = "state-upgrade-0123456789abcdef";
    private static final PkceVerifier VERIFIER = new PkceVerifier("w".repeat(43) + "-._~");
    private static final String SCHEDULED = "4f0c2b1e-0000-4000-8000-000000000001";
    private static final String PUBLISHED = "4f0c2b1e-0000-4000-8000-000000000002";

    @TempDir
    Path dir;

    @Nested
    class OnH2 extends Contract {
        @Override
        HikariDataSource v1Database() {
            return Pools.open("upgrade-h2", "org.h2.Driver", H2StoragePlugin.jdbcUrl(dir), "sa", "", 2, "H2");
        }

        @Override
        Stores openWithThisVersion(FakeClock clock) {
            Map<String, String> settings = TestStores.quickJobs();
            settings.put(StorageSettings.SECRET_KEY, TestStores.KEY);
            return new H2StoragePlugin().open(new StorageConfig(dir, settings, clock));
        }
    }

    @Nested
    class OnPostgres extends Contract {
        private String url;

        @Override
        HikariDataSource v1Database() {
            url = TestPostgres.newDatabase();
            return Pools.open("upgrade-postgres", "org.postgresql.Driver", url, "postgres", "", 2, "PostgreSQL");
        }

        @Override
        Stores openWithThisVersion(FakeClock clock) {
            return TestStores.postgres(dir, url, clock);
        }
    }

    abstract class Contract {
        private final TokenCipher cipher = new TokenCipher(Base64.getDecoder().decode(TestStores.KEY),
                new SecureRandom());

        /** A pool on a new, empty database. */
        abstract HikariDataSource v1Database();

        /** Opens the database {@link #v1Database} made, through the plugin, as the apps do. */
        abstract Stores openWithThisVersion(FakeClock clock);

        @Test
        void everythingAV1DatabaseHeldIsReadableAfterTheUpgradeButItsUploadSessions() throws Exception {
            try (HikariDataSource v1 = v1Database()) {
                Flyway.configure().dataSource(v1).locations("classpath:" + Migrations.LOCATION).target("1").load()
                        .migrate();
                assertThat(Migrations.applied(v1).orElseThrow()).containsOnlyKeys("1");
                assertThat(Migrations.current(v1)).as("V2 pending").isFalse();
                writeV1Data(v1);
            }

            FakeClock clock = new FakeClock(T0);
            try (Stores stores = openWithThisVersion(clock)) {
                javax.sql.DataSource pool = ((JdbcStores) stores).dataSource();
                assertThat(Migrations.current(pool)).as("V2 applied").isTrue();

                Account alice = new Account(ALICE, "1001", "Alice_W", "Alice W.", AccountStatus.CONNECTED,
                        T0.minusSeconds(86_400));
                Account bob = new Account(BOB, "1002", "bob", "bob", AccountStatus.NEEDS_RECONNECT, T0);
                assertThat(stores.accounts().list()).containsExactly(alice, bob);
                assertThat(stores.accounts().findByHandle("x", "@alice_w")).contains(alice);
                assertThat(alice.server()).isNull();

                TokenSet aliceTokens = new TokenSet("v1-access-alice", "v1-refresh-alice", T0.plusSeconds(7200),
                        Set.of("tweet.read", "tweet.write", "offline.access"), null, 3);
                assertThat(stores.tokens().find(ALICE)).contains(aliceTokens);
                assertThat(stores.tokens().find(BOB)).contains(new TokenSet("v1-access-bob", null, T0,
                        Set.of(), null, 1));
                // A rotation writes the new format over the old, and the single-flight refresh reads it.
                TokenSet rotated = stores.tokens().compareAndSwap(ALICE, 3, aliceTokens.withExtra("state"))
                        .orElseThrow();
                assertThat(stores.tokens().refreshExclusively(ALICE, current -> current)).isEqualTo(rotated);

                assertThat(stores.pendingAuthorizations().take(STATE, T0)).contains(new PendingAuthorization(STATE,
                        VERIFIER, "x", URI.create("http://127.0.0.1:8080/callback"), "cli",
                        T0.plus(Duration.ofMinutes(10)), null));

                assertThat(stores.uploads().listUnfinished()).as("upload sessions are dropped").isEmpty();
                assertThat(tableExists(pool, "upload_sessions")).isFalse();

                Publication scheduled = stores.publications().find(new PublicationId(SCHEDULED)).orElseThrow();
                assertThat(scheduled).isEqualTo(new Publication(new PublicationId(SCHEDULED), ALICE,
                        new Draft("Hello from V1, with media", List.of(
                                new MediaAttachment(media("/home/user/cat.png", MediaType.PNG, 1234), "A cat"),
                                new MediaAttachment(media("/home/user/clip.mp4", MediaType.MP4, 9_999_999), null)),
                                "1700000000000000000", T0.plusSeconds(3600), Map.of()),
                        SCHEDULED, PublicationState.QUEUED, null, null, null, T0.minusSeconds(60),
                        T0.minusSeconds(60), 1));
                Publication published = stores.publications().find(new PublicationId(PUBLISHED)).orElseThrow();
                assertThat(published).isEqualTo(new Publication(new PublicationId(PUBLISHED), ALICE,
                        new Draft("Already out", List.of(), null, null), PUBLISHED, PublicationState.PUBLISHED,
                        new PublishIntent(PublishIntent.hash("Already out"), List.of("m,1", "m2"), T0.minusSeconds(5),
                                2),
                        new RemotePost("1999", null, null), null, T0.minusSeconds(30), T0.minusSeconds(4), 5));
                assertThat(published.remote().replyRef()).isEqualTo("1999");
                assertThat(stores.publications().list(PublicationStore.Query.all())).hasSize(2);

                // The old rows go on living: updated with their version, claimed, and new ones beside them.
                Publication moved = stores.publications().update(scheduled.moveTo(PublicationState.UPLOADING,
                        T0.plusSeconds(1))).orElseThrow();
                assertThat(stores.publications().find(moved.id())).contains(moved);
                assertThat(stores.publications().claim(moved.id(), "worker", T0, Duration.ofMinutes(1))).isTrue();
                assertThatThrownBy(() -> stores.publications().create(Publication.queue(moved.id(), BOB,
                        Draft.of("again", List.of()), "k", T0))).isInstanceOf(IllegalStateException.class);
                stores.secrets().put("example", "client", "registered");
                assertThat(stores.secrets().get("example", "client")).contains("registered");
            }
        }

        private MediaFile media(String path, MediaType type, long size) {
            return new MediaFile(Path.of(path), type, new FileFingerprint(size, T0.minusSeconds(999).plusNanos(1),
                    "b".repeat(64)));
        }

        /** The rows the first version wrote, column for column as V1 defines them. */
        private void writeV1Data(HikariDataSource db) throws SQLException, IOException {
            try (Connection c = db.getConnection()) {
                update(c, "INSERT INTO key_check (id, sealed) VALUES (1, ?)",
                        cipher.seal(new byte[16], "outpost:key-check".getBytes(StandardCharsets.UTF_8)));
                update(c, "INSERT INTO accounts (id, platform_id, platform_user_id, handle, handle_key, display_name,"
                        + " status, connected_at) VALUES (?, 'x', '1001', 'Alice_W', 'alice_w', 'Alice W.',"
                        + " 'CONNECTED', ?)", ALICE.value(), Jdbc.nanos(T0.minusSeconds(86_400)));
                update(c, "INSERT INTO accounts (id, platform_id, platform_user_id, handle, handle_key, display_name,"
                        + " status, connected_at) VALUES (?, 'x', '1002', 'bob', 'bob', 'bob', 'NEEDS_RECONNECT', ?)",
                        BOB.value(), Jdbc.nanos(T0));
                update(c, "INSERT INTO tokens (account_id, version, sealed, expires_at, scopes)"
                        + " VALUES (?, 3, ?, ?, 'offline.access tweet.read tweet.write')", ALICE.value(),
                        sealFormat1(ALICE, "v1-access-alice", "v1-refresh-alice"), Jdbc.nanos(T0.plusSeconds(7200)));
                update(c, "INSERT INTO tokens (account_id, version, sealed, expires_at, scopes)"
                        + " VALUES (?, 1, ?, ?, '')", BOB.value(), sealFormat1(BOB, "v1-access-bob", null),
                        Jdbc.nanos(T0));
                update(c, "INSERT INTO pending_authorizations (state, verifier, platform_id, redirect_uri, owner,"
                        + " expires_at) VALUES (?, ?, 'x', 'http://127.0.0.1:8080/callback', 'cli', ?)", STATE,
                        cipher.seal(VERIFIER.value().getBytes(StandardCharsets.US_ASCII),
                                ("outpost:pending:" + STATE).getBytes(StandardCharsets.UTF_8)),
                        Jdbc.nanos(T0.plus(Duration.ofMinutes(10))));
                update(c, "INSERT INTO upload_sessions (upload_id, state, account_id, file_path, media_type,"
                        + " file_size, file_modified_at, file_sha256, media_id, media_expires_at, plan_total_bytes,"
                        + " plan_chunk_size, plan_segments, acknowledged) VALUES ('u-1', 'appending', ?,"
                        + " '/home/user/clip.mp4', 'MP4', 9999999, ?, ?, '1880000000000000000', ?, 9999999, 4194304,"
                        + " '4194304*2,1611215', '0')", ALICE.value(), Jdbc.nanos(T0.minusSeconds(999).plusNanos(1)),
                        "b".repeat(64), Jdbc.nanos(T0.plus(Duration.ofHours(24))));
                update(c, "INSERT INTO publications (id, account_id, state, draft_text, reply_to_post_id, scheduled_at,"
                        + " created_at, updated_at, version) VALUES (?, ?, 'QUEUED', 'Hello from V1, with media',"
                        + " '1700000000000000000', ?, ?, ?, 1)", SCHEDULED, ALICE.value(),
                        Jdbc.nanos(T0.plusSeconds(3600)), Jdbc.nanos(T0.minusSeconds(60)),
                        Jdbc.nanos(T0.minusSeconds(60)));
                update(c, "INSERT INTO publication_media (publication_id, position, file_path, media_type, file_size,"
                        + " file_modified_at, file_sha256, alt_text) VALUES (?, 0, '/home/user/cat.png', 'PNG', 1234,"
                        + " ?, ?, 'A cat')", SCHEDULED, Jdbc.nanos(T0.minusSeconds(999).plusNanos(1)), "b".repeat(64));
                update(c, "INSERT INTO publication_media (publication_id, position, file_path, media_type, file_size,"
                        + " file_modified_at, file_sha256, alt_text) VALUES (?, 1, '/home/user/clip.mp4', 'MP4',"
                        + " 9999999, ?, ?, NULL)", SCHEDULED, Jdbc.nanos(T0.minusSeconds(999).plusNanos(1)),
                        "b".repeat(64));
                update(c, "INSERT INTO publications (id, account_id, state, draft_text, intent_text_sha256,"
                        + " intent_media_ids, intent_sent_at, intent_attempt, remote_post_id, created_at, updated_at,"
                        + " version) VALUES (?, ?, 'PUBLISHED', 'Already out', ?, 'm\\,1,m2,', ?, 2, '1999', ?, ?, 5)",
                        PUBLISHED, ALICE.value(), PublishIntent.hash("Already out"),
                        Jdbc.nanos(T0.minusSeconds(5)), Jdbc.nanos(T0.minusSeconds(30)),
                        Jdbc.nanos(T0.minusSeconds(4)));
            }
        }

        /** The first payload format: format byte 1, the access token, then whether a refresh token follows and it. */
        private byte[] sealFormat1(AccountId account, String access, String refresh) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(1);
                byte[] a = access.getBytes(StandardCharsets.UTF_8);
                out.writeInt(a.length);
                out.write(a);
                out.writeBoolean(refresh != null);
                if (refresh != null) {
                    byte[] r = refresh.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(r.length);
                    out.write(r);
                }
            }
            return cipher.seal(bytes.toByteArray(), ("outpost:tokens:" + account.value())
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static boolean tableExists(javax.sql.DataSource db, String table) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM " + table).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
