package dev.outpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.ports.storage.Await;
import dev.outpost.ports.storage.Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process holding the embedded database is killed outright (no shutdown hooks), and a new one takes over the same
 * file: what was scheduled runs, and a job that died while running runs again once its heartbeats stopped. Each
 * embedded technology runs it (a subclass says which).
 */
abstract class CrashTest {
    Child child;
    @TempDir
    Path dataDir;

    /** {@code h2} or {@code sqlite}, as {@link CrashingInstance} takes it. */
    abstract String technology();

    Stores open(Path dir) {
        return technology().equals("sqlite") ? TestStores.sqlite(dir, Clock.systemUTC())
                : TestStores.h2(dir, Clock.systemUTC());
    }

    @AfterEach
    void killChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void aScheduledPublicationSurvivesItsProcessBeingKilledAndRunsAfterTheRestart() throws Exception {
        PublicationId id = new PublicationId("crash-scheduled");
        List<String> output = startChild(dataDir, "scheduled", id, 1500);
        Await.until("the child scheduled the publication", () -> output.contains("SCHEDULED " + id));

        // While the child holds the file, this process reads it too, as the CLI would.
        try (Stores meanwhile = open(dataDir)) {
            assertThat(meanwhile.publications().find(id)).isPresent();
        }
        kill();

        List<PublicationId> ran = new CopyOnWriteArrayList<>();
        try (Stores restarted = open(dataDir)) {
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
        try (Stores restarted = open(dataDir)) {
            restarted.jobs().start(ran::add);
            Await.until("the job ran again once the dead run's heartbeats stopped", () -> ran.contains(id));
            assertThat(ran).containsExactly(id);
        }
    }

    List<String> startChild(Path dataDir, String mode, PublicationId id, long delayMillis) throws IOException {
        child = Child.start(CrashingInstance.class, technology(), dataDir.toString(), mode, id.value(),
                Long.toString(delayMillis));
        return child.lines();
    }

    void kill() throws InterruptedException {
        child.kill();
    }
}
