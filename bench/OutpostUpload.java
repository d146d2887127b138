import dev.outpost.application.MediaInspector;
import dev.outpost.application.MediaUploader;
import dev.outpost.application.OutpostCore;
import dev.outpost.application.Platforms;
import dev.outpost.application.UploadSettings;
import dev.outpost.application.boot.OutpostConfig;
import dev.outpost.application.boot.Plugins;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.upload.UploadId;
import dev.outpost.domain.upload.UploadTarget;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;
import java.nio.file.Path;
import java.time.Clock;

/**
 * STOPGAP benchmark harness, not part of Outpost: uploads one file through Outpost's core exactly as
 * `outpost upload` does (same plugins, storage, OUTPOST_* configuration, MediaUploader), but with
 * UploadSettings.appendParallelism set from the command line, because the CLI exposes no flag or
 * variable for it. Usage: java -cp outpost.jar:classes OutpostUpload FILE PARALLELISM
 * Prints {"mediaId":...,"parallelism":N}.
 */
public final class OutpostUpload {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int parallelism = Integer.parseInt(args[1]);
        ClassLoader loader = OutpostUpload.class.getClassLoader();
        var platformPlugins = Plugins.load(PlatformPlugin.class, PlatformPlugin::id, loader);
        var storagePlugins = Plugins.load(StoragePlugin.class, StoragePlugin::id, loader);
        OutpostConfig config = OutpostConfig.load(System.getenv(), Path.of(System.getProperty("user.home")));
        Clock clock = Clock.systemUTC();
        Platforms platforms = Platforms.open(platformPlugins.values(), new PlatformContext(config.values(), clock));
        StoragePlugin storage = Plugins.choose(storagePlugins, config.storageId(), "storage");
        try (Stores stores = storage.open(new StorageConfig(config.dataDirectory(), config.values(), clock))) {
            OutpostCore.Options options = OutpostCore.Options.defaults(clock, "bench-" + ProcessHandle.current().pid())
                    .withUploads(UploadSettings.DEFAULT.withAppendParallelism(parallelism));
            try (OutpostCore core = new OutpostCore(stores, platforms, options)) {
                Account owner = core.stores().accounts().list().get(0);
                var media = new MediaInspector().inspect(file, "FILE");
                UploadTarget target = new UploadTarget(UploadId.random(), owner.id(), media);
                var done = core.uploader().upload(target, MediaUploader.Reporting.none());
                core.stores().uploads().delete(target.id());
                System.out.println("{\"mediaId\":\"" + done.media().mediaId() + "\",\"parallelism\":" + parallelism + "}");
            }
        }
    }
}
