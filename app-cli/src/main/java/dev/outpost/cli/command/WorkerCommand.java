package dev.outpost.cli.command;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.cli.render.Progress;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.ports.storage.PublicationStore;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code outpost worker}: runs the publication queue in the foreground. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run the publication queue in the foreground: publish scheduled posts when they are due, finish"
                + " interrupted ones, settle unconfirmed ones. Stop it with Ctrl-C.",
            "The web app runs the same queue; several workers may share a database (each publication runs once)."})
final class WorkerCommand implements Callable<Integer> {
    /** States in which a publication still has work a worker would do now or later. */
    private static final Set<PublicationState> PENDING = EnumSet.of(PublicationState.QUEUED,
            PublicationState.UPLOADING, PublicationState.PROCESSING, PublicationState.PUBLISHING);

    @Mixin
    GlobalFlags flags;

    @Option(names = "--drain", description = "Exit once no publication is queued or running any more (scheduled ones"
            + " included: it waits for them), instead of running until stopped. Unconfirmed ones are left to a"
            + " running worker.")
    boolean drain;

    private final Backend backend;
    private final Output output;

    @Inject
    WorkerCommand(Backend backend, Output output) {
        this.backend = backend;
        this.output = output;
    }

    @Override
    public Integer call() throws Exception {
        OutpostCore core = backend.core();
        try (Progress progress = Progress.open(output, false, true)) {
            core.progress().subscribe(progress);
            core.progress().subscribe(this::reportOutcome);
            // startQueue also queues what a dead run left, including a run-at-once post that never began.
            core.startQueue();
            output.note("Worker " + backend.workerName() + " is running the publication queue"
                    + (drain ? " until it is empty." : "; stop it with Ctrl-C."));
            if (!drain) {
                new CountDownLatch(1).await();
            }
            while (!core.publications().list(PublicationStore.Query.inStates(PENDING)).isEmpty()) {
                Thread.sleep(1000);
            }
            output.note("The queue is empty.");
        }
        return 0;
    }

    private void reportOutcome(ProgressEvent event) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("publication", event.publication().value());
        if (event instanceof ProgressEvent.Published published) {
            result.put("state", PublicationState.PUBLISHED.name());
            result.put("postId", published.postId());
            result.put("url", published.url() == null ? null : published.url().toString());
            output.result(result, "Published " + event.publication() + ": "
                    + (published.url() == null ? "post " + published.postId() : published.url()));
        } else if (event instanceof ProgressEvent.ClaimTakenOver takenOver) {
            output.note("[" + event.publication() + "] " + ForegroundRun.takenOver(takenOver));
        } else if (event instanceof ProgressEvent.Failed failed) {
            result.put("state", PublicationState.FAILED.name());
            result.put("reason", failed.reason());
            output.result(result, null);
            output.warn("outpost: publication " + event.publication() + " failed: " + failed.reason());
        }
    }
}
