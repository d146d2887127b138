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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        List<List<PublicationDetails>> toRun = chains.values().stream()
                .filter(chain -> chain.stream().map(PublicationDetails::publication)
                        .filter(p -> p.state() != PublicationState.PUBLISHED).findFirst().filter(start).isPresent())
                .toList();
        if (!toRun.isEmpty()) {
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
                    runChains(toRun, labels, failures);
                } finally {
                    try {
                        subscription.close();
                    } catch (Exception impossible) {
                        throw new IllegalStateException(impossible);
                    }
                }
            }
        }
        return new Result(GroupView.of(core.publications().group(group)), failures);
    }

    private void runChains(List<List<PublicationDetails>> chains, Map<PublicationId, String> labels,
            Map<PublicationId, OutpostException.Kind> failures) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(chains.size(), runnable -> {
            Thread thread = new Thread(runnable, "outpost-chain");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<PublicationDetails> chain : chains) {
                running.add(pool.submit(() -> {
                    runChain(chain, labels, failures);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // runChain keeps its own failures; anything else is a bug worth seeing.
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One target's posts in order; stops at the first that does not end published (the later ones wait). */
    private void runChain(List<PublicationDetails> chain, Map<PublicationId, String> labels,
            Map<PublicationId, OutpostException.Kind> failures) throws InterruptedException {
        for (PublicationDetails details : chain) {
            PublicationId id = details.publication().id();
            Publication current = core.publications().get(id);
            if (current.state() == PublicationState.PUBLISHED) {
                continue;
            }
            if (current.state() == PublicationState.CANCELLED || current.state() == PublicationState.FAILED) {
                return;
            }
            output.note(arrow(labels.get(id)));
            PublicationRunner.Outcome outcome;
            try {
                outcome = foreground.runHoldingClaim(id);
            } catch (OutpostException e) {
                failures.put(id, e.kind());
                output.warn("outpost: " + labels.get(id) + ": " + e.getMessage());
                return;
            }
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
