package dev.outpost.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalProcessesTest {
    private static final Set<Long> ALIVE = Set.of(100L, 200L);
    private final LocalProcesses here = new LocalProcesses("box-1", 100, ALIVE::contains);

    @Test
    void namesTheProcessByHostAndPid() {
        assertThat(here.workerName()).isEqualTo("cli@box-1:100");
    }

    @Test
    void aProcessOfThisHostThatIsNotAliveIsDead() {
        assertThat(here.provablyDead("cli@box-1:300")).isTrue();
        assertThat(here.provablyDead("cli@BOX-1:300")).isTrue();
    }

    @Test
    void aLiveProcessOrThisOneIsNot() {
        assertThat(here.provablyDead("cli@box-1:200")).isFalse();
        assertThat(here.provablyDead("cli@box-1:100")).isFalse();
        assertThat(new LocalProcesses("box-1", 100, pid -> false).provablyDead("cli@box-1:100")).isFalse();
    }

    @Test
    void nothingElseIsEverJudgedDead() {
        assertThat(here.provablyDead("cli@box-2:300")).as("another host").isFalse();
        assertThat(here.provablyDead("cli@box-1.example:300")).as("another name").isFalse();
        assertThat(here.provablyDead("web-box-1-1234abcd")).as("a web instance").isFalse();
        assertThat(here.provablyDead("worker-1")).isFalse();
        assertThat(here.provablyDead("cli@box-1:")).isFalse();
        assertThat(here.provablyDead("cli@box-1:12x")).isFalse();
        assertThat(here.provablyDead("cli@box-1:99999999999999999999")).isFalse();
        assertThat(here.provablyDead("x-cli@box-1:300")).isFalse();
    }

    @Test
    void withoutAHostNameNobodyIsJudgedDead() {
        LocalProcesses unknown = new LocalProcesses(null, 100, pid -> false);
        assertThat(unknown.workerName()).isEqualTo("cli@unknown-host:100");
        assertThat(unknown.provablyDead("cli@unknown-host:300")).isFalse();
    }

    @Test
    void onThisHostAProcessThatEndedIsDeadAndThisOneIsNot() throws Exception {
        LocalProcesses real = LocalProcesses.onThisHost();
        String self = real.workerName();
        assertThat(self).matches("cli@.+:" + ProcessHandle.current().pid());
        String host = self.substring("cli@".length(), self.lastIndexOf(':'));
        Process ended = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ended.waitFor();

        assertThat(real.provablyDead(self)).isFalse();
        if (!host.equals("unknown-host")) {
            assertThat(real.provablyDead("cli@" + host + ":" + ended.pid())).isTrue();
            assertThat(real.provablyDead("cli@" + host + ":" + ProcessHandle.current().parent().orElseThrow().pid()))
                    .isFalse();
        }
    }
}
