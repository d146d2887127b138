package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressHubTest {
    private static final PublicationId ID = new PublicationId("11111111-2222-3333-4444-555555555555");
    private static final Instant T = Instant.parse("2026-12-04T09:00:00Z");

    @Test
    void eventsAreStampedAndAnAttemptAfterAnOutcomeStartsAfresh() {
        ProgressHub hub = new ProgressHub(Clock.fixed(T, ZoneOffset.UTC));
        hub.on(new ProgressEvent.StateChanged(ID, PublicationState.UPLOADING));
        hub.on(new ProgressEvent.Failed(ID, "refused"));
        assertThat(hub.recent(ID)).hasSize(2).last().satisfies(s -> assertThat(s.isOutcome()).isTrue());

        hub.on(new ProgressEvent.StateChanged(ID, PublicationState.UPLOADING));
        assertThat(hub.recent(ID)).extracting(ProgressHub.Stamped::event)
                .containsExactly(new ProgressEvent.StateChanged(ID, PublicationState.UPLOADING));
        assertThat(hub.recent(ID).get(0).at()).isEqualTo(T);
        assertThat(EventJson.data(hub.recent(ID).get(0))).containsEntry("at", "2026-12-04T09:00:00Z");
    }
}
