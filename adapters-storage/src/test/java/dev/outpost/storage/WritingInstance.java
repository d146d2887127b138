package dev.outpost.storage;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublishIntent;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.domain.upload.UploadId;
import dev.outpost.ports.storage.StoreFixtures;
import dev.outpost.ports.storage.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The process {@link SqliteCrashTest} kills in the middle of writing: from index {@code first} on, it creates a
 * publication with three media (one transaction), moves it on, journals a large upload checkpoint and replaces a token
 * set, then prints {@code WROTE i}; and again, until it is killed.
 *
 * <p>Arguments: data directory, first index.
 */
public final class WritingInstance {
    static final int MEDIA = 3;
    static final int STATE_CHARS = 200_000;

    private WritingInstance() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        int first = Integer.parseInt(args[1]);
        Clock clock = Clock.systemUTC();
        Stores stores = TestStores.sqlite(dataDir, clock);
        System.out.println("OPEN");
        System.out.flush();
        for (int i = first; ; i++) {
            Publication p = stores.publications().create(publication(i));
            stores.publications().update(p.publishing(PublishIntent.of(p.draft().text(), List.of("m-" + i),
                    clock.instant(), 1), clock.instant())).orElseThrow();
            stores.uploads().save(checkpoint(i));
            stores.tokens().put(new AccountId("x:writer"), StoreFixtures.tokens("t" + i));
            System.out.println("WROTE " + i);
            System.out.flush();
        }
    }

    static Publication publication(int i) {
        var base = StoreFixtures.fullDraft();
        var media = List.of(base.media().get(0), base.media().get(1), base.media().get(0));
        return Publication.queue(new PublicationId("w-" + i), new AccountId("x:writer"),
                new dev.outpost.domain.post.Draft("written " + i, media, null, null, java.util.Map.of()),
                "key-" + i, StoreFixtures.T0.plusSeconds(i));
    }

    static UploadCheckpoint checkpoint(int i) {
        UploadCheckpoint c = StoreFixtures.checkpoint("u-" + i, 10_000_000);
        return StoreFixtures.advanced(c, UploadCheckpoint.Phase.UPLOADING, Integer.toString(i % 10).repeat(STATE_CHARS),
                i);
    }

    static UploadId uploadId(int i) {
        return new UploadId("u-" + i);
    }
}
