package dev.outpost.cli.command;

import dev.outpost.application.UploadMedia;
import dev.outpost.cli.render.Progress;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.account.Account;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code outpost upload FILE [--alt TEXT]}: uploads one file and prints its media id, for use elsewhere. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Upload one file (checked first, progress on standard error) and print the platform's media id."
                + " The id can be attached to a post within the platform's time limit (--json shows when it"
                + " expires, when the platform says).")
final class UploadCommand implements Callable<Integer> {
    @Mixin
    GlobalFlags flags;

    @Parameters(index = "0", paramLabel = "FILE", description = "An image, GIF or video.")
    Path file;

    @Option(names = "--alt", paramLabel = "TEXT", description = "Alt text describing the file.")
    String alt;

    @Option(names = "--account", paramLabel = "NAME", description = "The account whose media it becomes.")
    String account;

    private final Backend backend;
    private final Output output;
    private final Environment environment;

    @Inject
    UploadCommand(Backend backend, Output output, Environment environment) {
        this.backend = backend;
        this.output = output;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        var core = backend.core();
        Account owner = AccountChoice.choose(core, backend.accountName(account));
        UploadMedia.Uploaded done;
        try (Progress progress = Progress.open(output, environment.interactive(), false)) {
            done = core.uploadMedia().upload(owner, file, alt, "FILE", progress);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mediaId", done.reference());
        result.put("file", file.toString());
        result.put("type", done.file().type().mimeType());
        result.put("bytes", done.file().size());
        result.put("account", owner.id().value());
        result.put("expiresAt", done.expiresAt() == null ? null : done.expiresAt().toString());
        output.result(result, done.reference());
        return 0;
    }
}
