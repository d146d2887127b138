package dev.outpost.application;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.PublicationState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What one compose action made, as the apps show it: a publication per account and thread item.
 *
 * @param id the group's id
 * @param publications ordered by account, then thread item
 */
public record Group(GroupId id, List<PublicationDetails> publications) {
    /** Where a group stands as a whole. */
    public enum State {
        /** Nothing has started: every publication waits for its time. */
        SCHEDULED,
        /** Something is running, or some posts are out and others still to go. */
        IN_PROGRESS,
        /** Every post is out (cancelled ones aside). */
        PUBLISHED,
        /** Some post failed or is unconfirmed; it needs the user (retry, resume or cancel). */
        SOME_FAILED,
        /** Everything was cancelled before it went out. */
        CANCELLED
    }

    public Group {
        Objects.requireNonNull(id, "id");
        publications = List.copyOf(publications);
    }

    /** The accounts, in order, each once. */
    public List<AccountId> targets() {
        return publications.stream().map(d -> d.publication().account()).distinct().toList();
    }

    /** One account's posts in thread order. */
    public List<PublicationDetails> chain(AccountId account) {
        return publications.stream().filter(d -> d.publication().account().equals(account))
                .sorted(Comparator.comparingInt(Group::item)).toList();
    }

    /** Whether it holds more than one post per account. */
    public boolean isThread() {
        return publications.stream().anyMatch(d -> item(d) > 0);
    }

    public State state() {
        List<PublicationState> states = publications.stream().map(d -> d.publication().state()).toList();
        if (states.stream().anyMatch(s -> s == PublicationState.UPLOADING || s == PublicationState.PROCESSING
                || s == PublicationState.PUBLISHING)) {
            return State.IN_PROGRESS;
        }
        if (states.stream().anyMatch(s -> s == PublicationState.FAILED || s == PublicationState.UNCONFIRMED)) {
            return State.SOME_FAILED;
        }
        if (states.stream().allMatch(s -> s == PublicationState.QUEUED)) {
            return State.SCHEDULED;
        }
        if (states.contains(PublicationState.QUEUED)) {
            return State.IN_PROGRESS;
        }
        return states.contains(PublicationState.PUBLISHED) ? State.PUBLISHED : State.CANCELLED;
    }

    /** When it is due: the time the user scheduled it for, or null for "now". */
    public Instant scheduledAt() {
        return publications.isEmpty() ? null : publications.get(0).publication().draft().scheduledAt();
    }

    private static int item(PublicationDetails details) {
        return details.publication().placement() == null ? 0 : details.publication().placement().item();
    }
}
