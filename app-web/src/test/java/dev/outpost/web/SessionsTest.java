package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.storage.memory.InMemorySessionStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final FakeClock clock = new FakeClock();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final Sessions sessions = new Sessions(store, clock, Duration.ofHours(12));

    @Test
    void theStoreKnowsASessionByItsIdsHashOnlyAndSigningInReplacesIt() {
        Sessions.Session visitor = sessions.anonymous();
        assertThat(sessions.find(visitor.id())).as("not kept yet").isEmpty();
        sessions.keep(visitor);
        assertThat(sessions.find(visitor.id())).isPresent();
        assertThat(store.find(visitor.id())).as("the id itself is no key").isEmpty();

        Sessions.Session signedIn = sessions.signIn(visitor);
        assertThat(sessions.find(visitor.id())).isEmpty();
        assertThat(sessions.find(signedIn.id()).orElseThrow().signedIn()).isTrue();
        assertThat(sessions.find(signedIn.id()).orElseThrow().csrfToken()).isEqualTo(signedIn.csrfToken());

        signedIn.flash("Connected @alice.");
        assertThat(sessions.find(signedIn.id()).orElseThrow().takeFlash()).isEqualTo("Connected @alice.");
        assertThat(signedIn.takeFlash()).isNull();
    }

    @Test
    void sessionsEndWhenIdleAnonymousOnesSooner() {
        Sessions.Session visitor = sessions.anonymous();
        sessions.keep(visitor);
        Sessions.Session signedIn = sessions.signIn(null);
        clock.advance(Duration.ofMinutes(61));
        assertThat(sessions.find(visitor.id())).isEmpty();
        assertThat(sessions.find(signedIn.id())).isPresent();
        clock.advance(Duration.ofHours(11));
        assertThat(sessions.find(signedIn.id())).as("each request moves the idle limit").isPresent();
        clock.advance(Duration.ofHours(12).plusSeconds(1));
        assertThat(sessions.find(signedIn.id())).isEmpty();
    }

    @Test
    void aRestartKeepsPeopleSignedIn() {
        java.nio.file.Path home = TestApp.freshHome("sessions-restart");
        WebClient browser;
        try (OutpostWeb before = TestApp.start(home, Map.of())) {
            browser = new WebClient(before.baseUrl()).signIn();
        }
        try (OutpostWeb after = TestApp.start(home, Map.of())) {
            HttpResponse<String> page = browser.get(after.baseUrl() + "/publications");
            assertThat(page.statusCode()).as("still signed in after the restart").isEqualTo(200);
            assertThat(page.body()).contains("id=\"sign-out\"");
        }
    }
}
