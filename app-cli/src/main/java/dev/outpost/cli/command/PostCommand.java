package dev.outpost.cli.command;

import dev.outpost.application.DraftInput;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.post.Publication;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code outpost post TEXT [--media FILE [--alt TEXT]]… [--reply-to ID] [--at TIME] [--account NAME]}. */
@Command(name = "post", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publish a post now, or schedule it with --at.",
            "Everything is checked first (files, types, sizes, text length, alt text, schedule) and every problem is"
                + " listed before anything is uploaded. Then the files upload with progress on standard error, and"
                + " the post's address is printed. An interrupted post is finished by `outpost publications resume"
                + " ID`, without sending again what was already acknowledged.",
            "Scheduled posts are published by `outpost worker` or the web app, which run the queue."})
final class PostCommand implements Callable<Integer> {
    @Mixin
    GlobalFlags flags;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT",
            description = "The text; may be left out when media is attached; - reads it from standard input.")
    String text;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<MediaOption> media = new ArrayList<>();

    /** A file and the alt text typed after it. */
    static final class MediaOption {
        @Option(names = "--media", required = true, paramLabel = "FILE",
                description = "An image (JPEG, PNG, WEBP: up to 4), a GIF or a video (MP4, MOV) to attach; repeat for"
                        + " more.")
        Path file;

        @Option(names = "--alt", paramLabel = "TEXT",
                description = "Alt text describing the --media just before it, for people who cannot see it.")
        String alt;
    }

    @Option(names = "--reply-to", paramLabel = "ID", description = "The id of the post this one answers.")
    String replyTo;

    @Option(names = "--at", paramLabel = "TIME",
            description = "Publish later instead: 2030-01-31T09:00 (local time), 2030-01-31T09:00:00Z, or a delay"
                    + " such as +15m, +2h, +1d.")
    String at;

    @Option(names = "--account", paramLabel = "NAME",
            description = "The account to post as (@handle or id); needed when several are connected.")
    String account;

    private final Backend backend;
    private final Output output;
    private final Environment environment;

    @Inject
    PostCommand(Backend backend, Output output, Environment environment) {
        this.backend = backend;
        this.output = output;
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Instant scheduledAt = at == null ? null : ScheduleTime.parse(at, environment.clock(), environment.zone());
        String body = "-".equals(text) ? new String(environment.in().readAllBytes(), StandardCharsets.UTF_8).strip()
                : text;
        List<DraftInput.Attachment> attachments = media.stream()
                .map(m -> new DraftInput.Attachment(m.file, m.alt)).toList();
        var core = backend.core();
        Account poster = AccountChooser.choose(core.stores().accounts(), account);
        DraftInput input = new DraftInput(body, attachments, replyTo, scheduledAt);
        if (scheduledAt != null) {
            Publication queued = core.publications().submit(poster.id(), input);
            output.result(PublicationOutcome.view(core, queued), "Scheduled publication " + queued.id()
                    + " for " + scheduledAt.atZone(environment.zone()).toLocalDateTime() + " ("
                    + scheduledAt + ").");
            output.note("`outpost worker` (or the web app) publishes it when it is due.");
            return 0;
        }
        Publication created = core.publications().createForImmediateRun(poster.id(), input);
        output.note("Publishing as @" + poster.handle() + " (publication " + created.id() + "; if interrupted,"
                + " `outpost publications resume " + created.id() + "` finishes it).");
        return new ForegroundRun(backend, output, environment.interactive())
                .runAndReport(created.id());
    }
}
