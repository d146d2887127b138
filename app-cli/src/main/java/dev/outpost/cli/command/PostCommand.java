package dev.outpost.cli.command;

import dev.outpost.application.ComposeInput;
import dev.outpost.application.DraftInput;
import dev.outpost.application.OutpostException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code outpost post TEXT [--media FILE [--alt TEXT] [--focus X,Y]]… [--reply-to ID] [--option KEY=VALUE]… [--at TIME]
 * [--account NAME]… [--text-for ACCOUNT=TEXT]…}: one account as before; several make a group, one publication per
 * account.
 */
@Command(name = "post", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publish a post now, or schedule it with --at.",
            "Everything is checked first against the account's platform (files, types, sizes, text length, alt text,"
                + " options, schedule) and every problem is"
                + " listed before anything is uploaded. Then the files upload with progress on standard error, and"
                + " the post's address is printed. An interrupted post is finished by `outpost publications resume"
                + " ID`, without sending again what was already acknowledged.",
            "With several --account, the post goes to each (a cross-post): every account is checked before anything is"
                + " sent, then each publishes on its own, with progress per account, and every account's link is"
                + " printed; one failing never stops the others, and `outpost publications resume GROUP` retries it.",
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
                description = "An image, a GIF or a video to attach (JPEG, PNG, WEBP, GIF, MP4, MOV…: which ones,"
                        + " how many and how large, the account's platform says); repeat for more.")
        Path file;

        @Option(names = "--alt", paramLabel = "TEXT",
                description = "Alt text describing the --media just before it, for people who cannot see it.")
        String alt;

        @Option(names = "--focus", paramLabel = "X,Y",
                description = "The point of the --media just before it that previews keep in view when they crop"
                        + " it: x from -1 (left) to 1 (right), y from -1 (bottom) to 1 (top), such as 0.5,-0.25;"
                        + " platforms that do not crop by a focal point ignore it.")
        String focus;
    }

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    @Mixin
    PostOptionShorthands shorthands = new PostOptionShorthands();

    @Option(names = "--account", paramLabel = "NAME",
            description = "The account to post as (@handle or id); needed when several are connected. Repeat it to"
                    + " cross-post: every account is checked before anything is sent, then each publishes on its own.")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--text-for", paramLabel = "ACCOUNT=TEXT",
            description = "The text for one of the --account targets instead of TEXT (repeatable): a shorter version"
                    + " for one platform, hashtags for another.")
    Map<String, String> textFor = new LinkedHashMap<>();

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
        // Checked before anything opens, so a time that is no time is told at once.
        Instant scheduledAt = compose.at == null ? null : ScheduleTime.parse(compose.at, environment.clock(), environment.zone());
        String body = "-".equals(text) ? new String(environment.in().readAllBytes(), StandardCharsets.UTF_8).strip()
                : text;
        List<DraftInput.Attachment> attachments = media.stream()
                .map(m -> new DraftInput.Attachment(m.file, m.alt, m.focus)).toList();
        var core = backend.core();
        if (compose.at != null) {
            // A delay (+15m) counts from now, once the core is open, rather than from the start of the process.
            scheduledAt = ScheduleTime.parse(compose.at, environment.clock(), environment.zone());
        }
        Map<String, String> options = shorthands.mergeInto(compose.options);
        if (accounts.size() > 1) {
            List<ComposeInput.Target> targets = GroupCompose.targets(backend, core, accounts, textFor);
            ComposeInput group = new ComposeInput(targets, List.of(new ComposeInput.Item(body == null ? "" : body,
                    attachments)), compose.replyTo, scheduledAt, options);
            return GroupCompose.publish(backend, output, environment, group);
        }
        Account poster = AccountChoice.choose(core, backend.accountName(accounts.isEmpty() ? null : accounts.get(0)));
        for (Map.Entry<String, String> own : textFor.entrySet()) {
            // One account: its own text is simply the text, once it names that account.
            Account named = AccountChoice.choose(core, backend.accountName(own.getKey()));
            if (!named.id().equals(poster.id())) {
                throw OutpostException.invalid("--text-for", "@" + named.handle() + " is not the account posting"
                        + " (@" + poster.handle() + ")");
            }
            body = own.getValue();
        }
        DraftInput input = new DraftInput(body, attachments, compose.replyTo, scheduledAt, options);
        if (scheduledAt != null) {
            Publication queued = core.publications().submit(poster.id(), input);
            output.result(PublicationOutcome.view(core, queued), "Scheduled publication " + queued.id()
                    + " for " + scheduledAt.atZone(environment.zone()).toLocalDateTime() + " ("
                    + scheduledAt + ").");
            output.note("`outpost worker` (or the web app) publishes it when it is due.");
            return 0;
        }
        Publication created = core.publications().createForImmediateRun(poster.id(), input);
        output.note("Publishing to " + core.platforms().platform(poster.platformId()).displayName() + " as @"
                + poster.handle() + " (publication " + created.id() + "; if interrupted,"
                + " `outpost publications resume " + created.id() + "` finishes it).");
        return new ForegroundRun(backend, output, environment.interactive())
                .runAndReport(created.id());
    }
}
