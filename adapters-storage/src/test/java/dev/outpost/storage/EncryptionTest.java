package dev.outpost.storage;

import static dev.outpost.ports.storage.StoreFixtures.T0;
import static dev.outpost.ports.storage.StoreFixtures.accountId;
import static dev.outpost.ports.storage.StoreFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StorageException;
import dev.outpost.ports.storage.Stores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets at rest (tokens and the plugin's state beside them, PKCE verifiers, the plugins' state of a pending sign-in,
 * the vault's secrets): sealed, bound to their row, and a wrong or missing key refused without touching the data.
 */
class EncryptionTest {
    private static final AccountId ALICE = accountId("8001");
    private static final AccountId BOB = accountId("8002");
    private static final TokenSet SECRET = TokenSet.issued("ACCESS-needle-4f1c9d2e", "REFRESH-needle-77aa01bd",
            T0.plusSeconds(3600), Set.of("tweet.read"));

    @TempDir
    Path dataDir;
    private final FakeClock clock = FakeClock.standard();

    @BeforeEach
    void firstRun() {
        try (Stores stores = open(Map.of())) {
            stores.tokens().put(ALICE, SECRET);
        }
    }

    private Stores open(Map<String, String> settings) {
        return new H2StoragePlugin().open(new StorageConfig(dataDir, settings, clock));
    }

    @Test
    void theFirstRunWritesAKeyFileOnlyItsOwnerCanRead() throws IOException {
        Path keyFile = dataDir.resolve("secret.key");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
    }

    @Test
    void writingTheSameTokensTwiceGivesDifferentCiphertext() throws SQLException {
        try (Stores stores = open(Map.of())) {
            byte[] first = sealed(stores, ALICE);
            stores.tokens().put(ALICE, SECRET);
            byte[] second = sealed(stores, ALICE);

            assertThat(second).isNotEqualTo(first);
            assertThat(stores.tokens().find(ALICE)).contains(SECRET.withVersion(2));
        }
    }

    @Test
    void noTokenVerifierNorPluginSecretAppearsInTheDatabaseFiles() throws IOException {
        PendingAuthorization p = pending("x", T0.plus(Duration.ofMinutes(10)))
                .withPluginState("STATE-needle-0b9e3c1a");
        try (Stores stores = open(Map.of())) {
            stores.tokens().put(BOB, SECRET.withExtra("EXTRA-needle-5d2f8e07"));
            stores.pendingAuthorizations().save(p);
            stores.secrets().put("example", "client:social.example", "VAULT-needle-9a7c4b21");
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString())
                        .doesNotContain("needle-4f1c9d2e")
                        .doesNotContain("needle-77aa01bd")
                        .doesNotContain("needle-5d2f8e07")
                        .doesNotContain("needle-0b9e3c1a")
                        .doesNotContain("needle-9a7c4b21")
                        .doesNotContain(p.verifier().value());
            }
        }
    }

    @Test
    void aWrongKeyIsRefusedAndTheDataStaysReadableWithTheRightOne() throws IOException {
        Path keyFile = dataDir.resolve("secret.key");
        byte[] keyBefore = Files.readAllBytes(keyFile);
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);

        assertThatThrownBy(() -> open(Map.of(StorageSettings.SECRET_KEY, otherKey)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("OUTPOST_SECRET_KEY")
                .hasMessageContaining("not the key")
                .hasMessageNotContaining(otherKey);

        assertThat(Files.readAllBytes(keyFile)).isEqualTo(keyBefore);
        try (Stores stores = open(Map.of())) {
            assertThat(stores.tokens().find(ALICE)).contains(SECRET.withVersion(1));
        }
    }

    @Test
    void aMissingKeyFileIsRefusedRatherThanReplaced() throws IOException {
        Path keyFile = dataDir.resolve("secret.key");
        Path aside = dataDir.resolve("secret.key.aside");
        Files.move(keyFile, aside);

        assertThatThrownBy(() -> open(Map.of()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("no key was given")
                .hasMessageContaining(keyFile.toString());
        assertThat(keyFile).doesNotExist();

        Files.move(aside, keyFile);
        try (Stores stores = open(Map.of())) {
            assertThat(stores.tokens().find(ALICE)).contains(SECRET.withVersion(1));
        }
    }

    @Test
    void anUnreadableKeyFileIsRefused() throws IOException {
        Path keyFile = dataDir.resolve("secret.key");
        Path aside = dataDir.resolve("secret.key.aside");
        Files.move(keyFile, aside);
        Files.createDirectory(keyFile); // reading it fails, whoever runs the test (root reads any plain file)

        assertThatThrownBy(() -> open(Map.of()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("Cannot read the key file");
    }

    @Test
    void aKeySettingThatIsNot32BytesOfBase64IsRefused() {
        assertThatThrownBy(() -> open(Map.of(StorageSettings.SECRET_KEY, "c2hvcnQ=")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> open(Map.of(StorageSettings.SECRET_KEY, "not base64 at all!")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("base64");
    }

    @Test
    void sealedTokensCopiedToAnotherAccountDoNotOpen() throws SQLException {
        try (Stores stores = open(Map.of())) {
            stores.tokens().put(BOB, TokenSet.issued("bob-access", null, T0, Set.of()));
            try (Connection c = ((JdbcStores) stores).dataSource().getConnection();
                    PreparedStatement ps = c.prepareStatement("UPDATE tokens SET sealed = ? WHERE account_id = ?")) {
                ps.setBytes(1, sealed(stores, ALICE));
                ps.setString(2, BOB.value());
                ps.executeUpdate();
            }

            assertThatThrownBy(() -> stores.tokens().find(BOB))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("cannot be decrypted")
                    .hasMessageNotContaining("needle");
        }
    }

    @Test
    void aSealedSecretCopiedToAnotherKeyDoesNotOpen() throws SQLException {
        try (Stores stores = open(Map.of())) {
            stores.secrets().put("example", "client:a.example", "secret-a");
            stores.secrets().put("example", "client:b.example", "secret-b");
            stores.secrets().put("exam", "ple:client:a.example", "secret-c");
            execute(stores, "UPDATE secrets SET sealed = (SELECT sealed FROM secrets WHERE name = 'client:a.example')"
                    + " WHERE name IN ('client:b.example', 'ple:client:a.example')");

            assertThat(stores.secrets().get("example", "client:a.example")).contains("secret-a");
            assertThatThrownBy(() -> stores.secrets().get("example", "client:b.example"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("cannot be decrypted")
                    .hasMessageNotContaining("secret-a");
            assertThatThrownBy(() -> stores.secrets().get("exam", "ple:client:a.example"))
                    .isInstanceOf(StorageException.class);
        }
    }

    @Test
    void aPendingAuthorizationsVerifierDoesNotOpenAsItsPluginState() throws SQLException {
        PendingAuthorization p = pending("x", T0.plus(Duration.ofMinutes(10))).withPluginState("plugin state");
        try (Stores stores = open(Map.of())) {
            stores.pendingAuthorizations().save(p);
            execute(stores, "UPDATE pending_authorizations SET plugin_state = verifier");

            assertThatThrownBy(() -> stores.pendingAuthorizations().take(p.state(), T0))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("cannot be decrypted");
        }
    }

    private static void execute(Stores stores, String sql) throws SQLException {
        try (Connection c = ((JdbcStores) stores).dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }

    private static byte[] sealed(Stores stores, AccountId account) throws SQLException {
        try (Connection c = ((JdbcStores) stores).dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT sealed FROM tokens WHERE account_id = ?")) {
            ps.setString(1, account.value());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }
}
