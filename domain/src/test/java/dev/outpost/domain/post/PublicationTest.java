package dev.outpost.domain.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.account.AccountId;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PublicationTest {
    private static final Instant T0 = Instant.parse("2030-02-01T08:00:00Z");
    private static final RemotePost POST = new RemotePost("1880000000000000001",
            URI.create("https://example.social/posts/1880000000000000001"), null);
    private static final Publication QUEUED = Publication.queue(new PublicationId("p-1"), AccountId.of("example", "42"),
            Draft.of("hello", List.of()), "key-1", T0);

    @Test
    void theHappyPathEndsPublishedWithThePostId() {
        PublishIntent intent = PublishIntent.of("hello", List.of("m1"), T0.plusSeconds(3), 1);

        Publication published = QUEUED.moveTo(PublicationState.UPLOADING, T0.plusSeconds(1))
                .moveTo(PublicationState.PROCESSING, T0.plusSeconds(2))
                .publishing(intent, T0.plusSeconds(3))
                .published(POST, T0.plusSeconds(4));

        assertThat(published.state()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(published.remote()).isEqualTo(POST);
        assertThat(published.remotePostId()).isEqualTo("1880000000000000001");
        assertThat(published.idempotencyKey()).isEqualTo("key-1");
        assertThat(published.intent()).isEqualTo(intent);
        assertThat(published.updatedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(published.createdAt()).isEqualTo(T0);
        assertThat(published.state().isTerminal()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"QUEUED,UPLOADING", "QUEUED,PUBLISHING", "QUEUED,CANCELLED", "UPLOADING,PROCESSING",
        "PROCESSING,PUBLISHING", "PUBLISHING,UNCONFIRMED", "PUBLISHING,PUBLISHED", "UNCONFIRMED,PUBLISHED",
        "UNCONFIRMED,PUBLISHING", "UNCONFIRMED,FAILED", "FAILED,QUEUED", "PUBLISHING,UPLOADING"})
    void allowedMoves(PublicationState from, PublicationState to) {
        assertThat(from.canMoveTo(to)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"QUEUED,PUBLISHED", "QUEUED,UNCONFIRMED", "UPLOADING,PUBLISHED", "PROCESSING,PUBLISHED",
        "UNCONFIRMED,QUEUED", "FAILED,PUBLISHED"})
    void refusedMoves(PublicationState from, PublicationState to) {
        assertThat(from.canMoveTo(to)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = PublicationState.class, names = {"PUBLISHED", "CANCELLED"})
    void nothingLeavesAFinalState(PublicationState terminal) {
        for (PublicationState next : PublicationState.values()) {
            assertThat(terminal.canMoveTo(next)).as("%s -> %s", terminal, next).isFalse();
        }
    }

    @Test
    void aRefusedMoveThrowsAndNamesBothStates() {
        assertThatThrownBy(() -> QUEUED.published(POST, T0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("QUEUED").hasMessageContaining("PUBLISHED").hasMessageContaining("p-1");
    }

    @Test
    void publishedRequiresItsPost() {
        Publication publishing = QUEUED.publishing(PublishIntent.of("hello", List.of(), T0, 1), T0);

        assertThatThrownBy(() -> publishing.moveTo(PublicationState.PUBLISHED, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has its post");
        assertThatThrownBy(() -> publishing.published(null, T0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void unconfirmedKeepsItsReasonAndCanBeReconciled() {
        Publication unconfirmed = QUEUED.publishing(PublishIntent.of("hello", List.of(), T0, 1), T0)
                .unconfirmed("the request timed out", T0.plusSeconds(60));

        assertThat(unconfirmed.failure()).isEqualTo("the request timed out");
        assertThat(unconfirmed.published(POST, T0.plusSeconds(90)).failure()).isNull();
    }

    @Test
    void requeueingAFailedPublicationClearsTheFailure() {
        Publication failed = QUEUED.failed("account needs reconnecting", T0);

        assertThat(failed.failure()).isEqualTo("account needs reconnecting");
        assertThat(failed.moveTo(PublicationState.QUEUED, T0.plusSeconds(1)).failure()).isNull();
    }

    @Test
    void dueAtIsTheScheduleOrTheCreation() {
        Instant later = T0.plusSeconds(3600);
        Publication scheduled = Publication.queue(new PublicationId("p-2"), AccountId.of("example", "42"),
                new Draft("later", List.of(), null, later), "key-2", T0);

        assertThat(QUEUED.dueAt()).isEqualTo(T0);
        assertThat(scheduled.dueAt()).isEqualTo(later);
    }

    @Test
    void intentTextMatchingNormalisesToNfc() {
        String composed = "caf\u00e9 na\u00efve";
        String decomposed = "cafe\u0301 nai\u0308ve";
        PublishIntent intent = PublishIntent.of(composed, List.of(), T0, 1);

        assertThat(composed).isNotEqualTo(decomposed);
        assertThat(intent.hasText(decomposed)).isTrue();
        assertThat(intent.hasText("  " + composed + "\n")).isTrue();
        assertThat(intent.hasText("cafe naive")).isFalse();
        assertThat(PublishIntent.hash(decomposed)).isEqualTo(intent.textSha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void anIntentStartsAtTheFirstAttempt() {
        assertThatThrownBy(() -> PublishIntent.of("x", List.of(), T0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIdempotencyKeyIsChosenOnceAndKeptThroughEveryMove() {
        Publication later = QUEUED.moveTo(PublicationState.UPLOADING, T0.plusSeconds(1))
                .publishing(PublishIntent.of("hello", List.of(), T0.plusSeconds(2), 1), T0.plusSeconds(2))
                .unconfirmed("no answer", T0.plusSeconds(3))
                .failed("gave up", T0.plusSeconds(4))
                .moveTo(PublicationState.QUEUED, T0.plusSeconds(5))
                .withVersion(9);

        assertThat(later.idempotencyKey()).isEqualTo("key-1");
        assertThatThrownBy(() -> Publication.queue(new PublicationId("p-3"), AccountId.of("example", "42"),
                Draft.of("x", List.of()), " ", T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idempotency key");
        assertThatThrownBy(() -> Publication.queue(new PublicationId("p-3"), AccountId.of("example", "42"),
                Draft.of("x", List.of()), null, T0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aRemotePostNamesItselfForRepliesUnlessThePlatformSaysMore() {
        RemotePost plain = new RemotePost("109", null, " ");
        RemotePost structured = new RemotePost("at://did:example:alice/post/3k", null,
                "{\"root\":\"a\",\"parent\":\"b\"}");

        assertThat(plain.replyRef()).isEqualTo("109");
        assertThat(plain.url()).isNull();
        assertThat(structured.replyRef()).contains("parent");
        assertThatThrownBy(() -> new RemotePost(" ", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(QUEUED.remotePostId()).isNull();
    }
}
