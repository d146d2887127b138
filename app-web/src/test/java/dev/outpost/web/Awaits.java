package dev.outpost.web;

import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import java.time.Duration;
import java.time.Instant;

/** Waiting for the queue, by polling the store; fails with the publication's state and reason. */
final class Awaits {
    private Awaits() {
    }

    static Publication published(OutpostWeb app, String id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        Publication p = null;
        while (Instant.now().isBefore(deadline)) {
            p = app.core().publications().find(new PublicationId(id)).orElseThrow();
            if (p.state() == PublicationState.PUBLISHED) {
                return p;
            }
            if (p.state() == PublicationState.FAILED || p.state() == PublicationState.CANCELLED) {
                throw new AssertionError("publication " + id + " ended " + p.state() + ": " + p.failure());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("publication " + id + " not published in time; last " + (p == null ? null
                : p.state() + " " + p.failure()));
    }
}
