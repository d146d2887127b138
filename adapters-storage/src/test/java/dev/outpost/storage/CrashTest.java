package dev.outpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.ports.storage.Await;
import dev.outpost.ports.storage.Stores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process holding the H2 database is killed outright (no shutdown hooks), and a new one takes over the same file:
 * what was scheduled runs, and a job that died while running runs again once its heartbeats stopped.
 */
class CrashTest {
    private Process child;
    @TempDir
    Path dataDir;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void aScheduledPublicationSurvivesItsProcessBeingKilledAndRunsAfterTheRestart() throws Exception {
        PublicationId id = new PublicationId("crash-scheduled");
        List<String> output = startChild(dataDir, "scheduled", id, 1500);
        Await.until("the child scheduled the publication", () -> output.contains("SCHEDULED " + id));

        // While the child holds the file, this process reads through the child's H2 server, as the CLI would.
        try (Stores meanwhile = TestStores.h2(dataDir, Clock.systemUTC())) {
            assertThat(meanwhile.publications().find(id)).isPresent();
        }
        kill();

        List<PublicationId> ran = new CopyOnWriteArrayList<>();
        try (Stores restarted = TestStores.h2(dataDir, Clock.systemUTC())) {
            Publication stored = restarted.publications().find(id).orElseThrow();
            assertThat(stored.draft().text()).isEqualTo("survives a crash");
            restarted.jobs().start(ran::add);
            Await.until("the publication's job ran after the restart", () -> ran.contains(id));
            assertThat(ran).containsExactly(id);
        }
    }

    @Test
    void aJobWhoseProcessDiedWhileRunningItRunsAgainElsewhere() throws Exception {
        PublicationId id = new PublicationId("crash-running");
        List<String> output = startChild(dataDir, "running", id, 0);
        Await.until("the child started running the job", () -> output.contains("RUNNING " + id));
        kill();

        List<PublicationId> ran = new CopyOnWriteArrayList<>();
        try (Stores restarted = TestStores.h2(dataDir, Clock.systemUTC())) {
            restarted.jobs().start(ran::add);
            Await.until("the job ran again once the dead run's heartbeats stopped", () -> ran.contains(id));
            assertThat(ran).containsExactly(id);
        }
    }

    private List<String> startChild(Path dataDir, String mode, PublicationId id, long delayMillis)
            throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CrashingInstance.class.getName(), dataDir.toString(), mode, id.value(), Long.toString(delayMillis))
                .redirectErrorStream(true)
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output lost: " + e.getMessage() + ")");
            }
        }, "crash-child-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private void kill() throws InterruptedException {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();
    }
}
