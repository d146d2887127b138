package dev.outpost.cli.command;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.PublicationDetails;
import dev.outpost.application.PublicationRunner;
import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.cli.render.GroupView;
import dev.outpost.cli.render.Progress;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Runs a group's publications in this process: each target's chain in order (a thread's post only once the one
 * before it is published), the targets' chains at the same time, so one target failing or slow never stops or delays
 * another. Progress goes to standard error as lines naming the target and the post ({@code @alice (Bluesky) post
 * 3/5: …}).
 */
final class GroupRun {
    private final OutpostCore core;
    private final Output output;
    private final ForegroundRun foreground;

    /**
     * How a run ended.
     *
     * @param failures why each publication that failed in this run failed (absent: did not fail here)
     */
    record Result(GroupView view, Map<PublicationId, OutpostException.Kind> failures) {
    }

    GroupRun(Backend backend, Output output, boolean interactive) {
        this.core = backend.core();
        this.output = output;
        this.foreground = new ForegroundRun(backend, output, interactive);
    }

    /** Runs every chain of the group from its first post that is not published. */
    Result run(GroupId group) throws InterruptedException {
        return run(group, publication -> true);
    }

    /**
     * @param start which chains to run: those whose first unpublished post this accepts
     */
    Result run(GroupId group, Predicate<Publication> start) throws InterruptedException {
        List<PublicationDetails> all = core.publications().group(group).publications();
        Map<String, List<PublicationDetails>> chains = new LinkedHashMap<>();
        for (PublicationDetails details : all) {
            chains.computeIfAbsent(details.publication().account().value(), k -> new ArrayList<>()).add(details);
        }
        Map<PublicationId, String> labels = new ConcurrentHashMap<>();
        for (List<PublicationDetails> chain : chains.values()) {
            for (int i = 0; i < chain.size(); i++) {
                labels.put(chain.get(i).publication().id(), label(chain.get(i), i, chain.size()));
            }
        }
        Map<PublicationId, OutpostException.Kind> failures = new ConcurrentHashMap<>();
        try (Progress progress = Progress.labelled(output, id -> {
            String label = labels.get(id);
            return label == null ? null : label + ":";
        })) {
            AutoCloseable subscription = core.progress().subscribe(event -> {
                if (!labels.containsKey(event.publication())) {
                    return;
                }
                if (event instanceof ProgressEvent.ClaimTakenOver takenOver) {
                    output.note(ForegroundRun.takenOver(takenOver));
                } else {
                    progress.on(event);
                }
            });
            try {
                // Every target's chain at once: one failing or slow never stops or delays another.
                core.runner().runGroup(group, start, true, foreground::runHoldingClaim,
                        new Told(labels, failures));
            } finally {
                try {
                    subscription.close();
                } catch (Exception impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }
        return new Result(GroupView.of(core.publications().group(group)), failures);
    }

    /** Says on standard error what each post of the group is doing, and keeps why each failed. */
    private final class Told implements PublicationRunner.GroupListener {
        private final Map<PublicationId, String> labels;
        private final Map<PublicationId, OutpostException.Kind> failures;

        Told(Map<PublicationId, String> labels, Map<PublicationId, OutpostException.Kind> failures) {
            this.labels = labels;
            this.failures = failures;
        }

        @Override
        public void starting(Publication publication) {
            output.note(arrow(labels.get(publication.id())));
        }

        @Override
        public void ended(Publication publication, PublicationRunner.Outcome outcome) {
            PublicationId id = publication.id();
            Publication after = outcome.publication();
            if (after.state() != PublicationState.PUBLISHED) {
                if (outcome.failureKind() != null) {
                    failures.put(id, outcome.failureKind());
                }
                output.warn("outpost: " + labels.get(id) + ": " + after.state().name().toLowerCase(Locale.ROOT)
                        + (after.failure() == null ? "" : ": " + after.failure()));
                return;
            }
            String link = core.publications().details(after).url().map(Object::toString)
                    .orElse("post " + after.remotePostId());
            output.note(labels.get(id) + ": published " + link);
        }

        @Override
        public void refused(Publication publication, OutpostException error) {
            failures.put(publication.id(), error.kind());
            output.warn("outpost: " + labels.get(publication.id()) + ": " + error.getMessage());
        }
    }

    /** {@code @alice (Bluesky)}, or in a thread {@code @alice (Bluesky) post 3/5}. */
    static String label(PublicationDetails details, int index, int size) {
        String target = details.accountName() + " (" + details.platformName() + ")";
        return size > 1 ? target + " post " + (index + 1) + "/" + size : target;
    }

    /** The line that says what is being sent: {@code post 3/5 → @alice (Bluesky)}. */
    private static String arrow(String label) {
        int post = label.lastIndexOf(" post ");
        return post < 0 ? "→ " + label : label.substring(post + 1) + " → " + label.substring(0, post);
    }
}
