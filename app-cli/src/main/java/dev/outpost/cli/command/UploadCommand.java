package dev.outpost.cli.command;

import dev.outpost.application.MediaInspector;
import dev.outpost.application.MediaUploader;
import dev.outpost.application.OutpostException;
import dev.outpost.application.Problem;
import dev.outpost.cli.render.Progress;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.Draft;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.upload.UploadId;
import dev.outpost.domain.upload.UploadSession;
import dev.outpost.domain.upload.UploadTarget;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code outpost upload FILE [--alt TEXT]}: uploads one file and prints its media id, for use elsewhere. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Upload one file (checked first, progress on standard error) and print the platform's media id."
                + " The id can be attached to a post within the platform's time limit (24 hours on X).")
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
        Account owner = AccountChooser.choose(core.stores().accounts(), account);
        var platform = core.platforms().of(owner.id());
        // Nothing resumes a stand-alone upload (see below), so no pass over the whole file to fingerprint it.
        MediaFile media = new MediaInspector().identify(file, "FILE");
        List<Problem> problems = platform.validator().validate(
                new Draft("", List.of(new MediaAttachment(media, alt)), null, null), environment.clock().instant())
                .stream().map(Problem::of).toList();
        if (!problems.isEmpty()) {
            throw OutpostException.invalid(problems);
        }
        UploadTarget target = new UploadTarget(UploadId.random(), owner.id(), media);
        UploadSession.Succeeded done;
        try (Progress progress = Progress.open(output, environment.interactive(), false)) {
            done = core.uploader().upload(target, new MediaUploader.Reporting(
                    new PublicationId("upload-" + target.id()), 0, progress));
        } finally {
            // Nothing will resume a stand-alone upload: its journal entry would only linger.
            core.stores().uploads().delete(target.id());
        }
        String mediaId = done.media().mediaId();
        if (alt != null && !alt.isBlank()) {
            core.accessTokens().call(owner.id(), token -> {
                platform.transport().describe(token, mediaId, alt);
                return null;
            });
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mediaId", mediaId);
        result.put("file", file.toString());
        result.put("type", media.type().mimeType());
        result.put("bytes", media.size());
        result.put("account", owner.id().value());
        result.put("expiresAt", done.media().expiresAt().toString());
        output.result(result, mediaId);
        return 0;
    }
}
