package dev.outpost.cli.command;

import dev.outpost.application.ComposeInput;
import dev.outpost.application.DraftInput;
import dev.outpost.application.OutpostException;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.Output;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code outpost thread --account A [--account B]… --item TEXT [--media FILE [--alt TEXT]]… --item TEXT …}, or {@code
 * outpost thread --account A -f thread.txt}: a reply chain per account.
 */
@Command(name = "thread", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publish a thread: posts that each reply to the one before, on every --account (one chain per"
                + " account). Give the posts with --item, each followed by its own --media and --alt, or in a file"
                + " (-f) where a line holding only --- separates them.",
            "Every post is checked against every account's platform before anything is sent, and every problem is"
                + " listed, naming the account and the post. Then each account's chain runs, the accounts at the same"
                + " time, with progress naming the post being sent (post 3/5 → @alice (Bluesky)); the posts' links"
                + " are printed.",
            "Each post is published once: a thread that was interrupted (killed, offline) or failed is finished by"
                + " `outpost publications resume GROUP`, which continues each chain at its first unpublished post."})
final class ThreadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalFlags flags;

    @Option(names = "--account", paramLabel = "NAME",
            description = "An account to publish the thread on (@handle or id); repeat for one chain per account."
                    + " Needed when several are connected.")
    List<String> accounts = new ArrayList<>();

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<ItemOption> items = new ArrayList<>();

    /** A post of the thread and the files after it. */
    static final class ItemOption {
        @Option(names = "--item", required = true, paramLabel = "TEXT",
                description = "A post's text, in order; the --media and --alt after it belong to it.")
        String text;

        @ArgGroup(exclusive = false, multiplicity = "0..*")
        List<PostCommand.MediaOption> media = new ArrayList<>();
    }

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The posts' texts from a file (- for standard input), separated by lines holding only ---.")
    Path file;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    @Mixin
    PostOptionShorthands shorthands = new PostOptionShorthands();

    private final Backend backend;
    private final Output output;
    private final Environment environment;

    @Inject
    ThreadCommand(Backend backend, Output output, Environment environment) {
        this.backend = backend;
        this.output = output;
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (compose.at != null) {
            ScheduleTime.parse(compose.at, environment.clock(), environment.zone());
        }
        List<ComposeInput.Item> posts = posts();
        var core = backend.core();
        Instant scheduledAt = compose.at == null ? null : ScheduleTime.parse(compose.at, environment.clock(), environment.zone());
        List<ComposeInput.Target> targets = GroupCompose.targets(backend, core,
                accounts.isEmpty() ? java.util.Collections.singletonList(null) : accounts, Map.of());
        return GroupCompose.publish(backend, output, environment, new ComposeInput(targets, posts, compose.replyTo,
                scheduledAt, shorthands.mergeInto(compose.options)));
    }

    /** Refuses a --media or --alt before the first --item: it belongs to no post (the parser would give it one). */
    static void mediaAfterItems(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--item") || arg.startsWith("--item=")) {
                return;
            }
            for (String flag : List.of("--media", "--alt")) {
                if (arg.equals(flag) || arg.startsWith(flag + "=")) {
                    throw OutpostException.invalid(flag, flag + " comes after the --item it belongs to");
                }
            }
        }
    }

    private List<ComposeInput.Item> posts() throws IOException {
        if (file != null && !items.isEmpty()) {
            throw OutpostException.invalid("--file", "give the posts either with --item or in a file (-f), not both");
        }
        if (file == null) {
            if (items.isEmpty()) {
                throw OutpostException.invalid("--item", "a thread needs its posts: --item TEXT for each (with its"
                        + " --media after it), or -f FILE");
            }
            mediaAfterItems(spec.commandLine().getParseResult().originalArgs());
            return items.stream().map(i -> new ComposeInput.Item(i.text, i.media.stream()
                    .map(m -> new DraftInput.Attachment(m.file, m.alt, m.focus)).toList())).toList();
        }
        String name = file.toString();
        String content;
        if (name.equals("-")) {
            content = new String(environment.in().readAllBytes(), StandardCharsets.UTF_8);
        } else {
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw OutpostException.invalid("--file", name + ": no such file");
            } catch (java.nio.charset.MalformedInputException e) {
                throw OutpostException.invalid("--file", name + ": not UTF-8 text");
            } catch (IOException e) {
                throw OutpostException.invalid("--file", name + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        return ThreadFile.parse(name, content).stream().map(text -> new ComposeInput.Item(text, List.of())).toList();
    }
}
