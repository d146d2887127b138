package dev.outpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.account.Account;
import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several processes opening one database file at the same instant (a script's parallel CLI runs) all get in. */
class OpeningRaceTest {
    @TempDir
    Path dir;

    @Test
    void threeProcessesOpeningAtOnceAllSucceed() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = Base64.getEncoder().encodeToString(key);
        Map<String, String> settings = Map.of("OUTPOST_SECRET_KEY", secret);
        // Create the schema first, so the race is about opening, as it is for users.
        new H2StoragePlugin().open(new StorageConfig(dir, settings, FakeClock.standard())).close();
        long startAt = System.currentTimeMillis() + 3_000;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    OpeningInstance.class.getName(), dir.toString(), Long.toString(startAt), "p" + i, secret)
                    .redirectErrorStream(true).start());
        }
        for (Process child : children) {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child finished").isTrue();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(output).isZero();
        }
        try (Stores stores = new H2StoragePlugin().open(new StorageConfig(dir, settings, FakeClock.standard()))) {
            assertThat(stores.accounts().list()).extracting(Account::handle).containsExactlyInAnyOrder("p0", "p1", "p2");
        }
    }

    @Test
    void sixProcessesOpeningAFreshSqliteHomeAtOnceAllSucceed() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = Base64.getEncoder().encodeToString(key);
        Map<String, String> settings = Map.of("OUTPOST_SECRET_KEY", secret);
        // Nothing exists yet: they race to create the database and its schema too.
        long startAt = System.currentTimeMillis() + 3_000;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            children.add(new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    OpeningInstance.class.getName(), dir.toString(), Long.toString(startAt), "p" + i, secret, "sqlite")
                    .redirectErrorStream(true).start());
        }
        for (Process child : children) {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child finished").isTrue();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("Exception", "ERROR", "WARN");
        }
        try (Stores stores = new SqliteStoragePlugin().open(new StorageConfig(dir, settings, FakeClock.standard()))) {
            assertThat(stores.accounts().list()).extracting(Account::handle)
                    .containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4", "p5");
        }
    }
}
