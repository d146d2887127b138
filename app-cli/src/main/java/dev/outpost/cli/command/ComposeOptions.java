package dev.outpost.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** What {@code post} and {@code thread} both take about where and when the post (or the thread) goes out. */
final class ComposeOptions {
    @Option(names = "--reply-to", paramLabel = "ID",
            description = "The post this one answers (a thread: its first post): its id or its link, as the platform"
                    + " shows it.")
    String replyTo;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "A choice of the account's platform (repeatable), such as a visibility; the platform says"
                    + " which keys and values it takes. With several accounts it goes to each whose platform takes"
                    + " it.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--at", paramLabel = "TIME",
            description = "Publish later instead (a thread: all of it): 2030-01-31T09:00 (local time),"
                    + " 2030-01-31T09:00:00Z, or a delay such as +15m, +2h, +1d.")
    String at;
}
