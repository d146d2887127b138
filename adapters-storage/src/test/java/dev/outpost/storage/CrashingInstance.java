package dev.outpost.storage;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.Draft;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.ports.storage.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link CrashTest} kills: opens the storage ({@code h2} or {@code sqlite}) in a data directory, stores
 * and schedules a publication, says so on standard output, then waits to be killed.
 *
 * <p>Modes: {@code scheduled} schedules it {@code delayMillis} ahead and runs no queue; {@code running} makes it due
 * now, starts the queue and blocks inside the job, so it dies holding the job.
 *
 * <p>Arguments: technology, data directory, mode, publication id, delay in milliseconds.
 */
public final class CrashingInstance {
    private CrashingInstance() {
    }

    public static void main(String[] args) throws InterruptedException {
        String technology = args[0];
        Path dataDir = Path.of(args[1]);
        String mode = args[2];
        PublicationId id = new PublicationId(args[3]);
        long delayMillis = Long.parseLong(args[4]);
        Clock clock = Clock.systemUTC();
        Stores stores = technology.equals("sqlite") ? TestStores.sqlite(dataDir, clock) : TestStores.h2(dataDir, clock);
        Instant due = clock.instant().plus(Duration.ofMillis(delayMillis));
        stores.publications().create(Publication.queue(id, new AccountId("x:1"),
                new Draft("survives a crash", List.of(), null, due), "key-" + id, clock.instant()));
        stores.jobs().schedule(id, due);
        if (mode.equals("running")) {
            stores.jobs().start(job -> {
                System.out.println("RUNNING " + job);
                System.out.flush();
                awaitForever();
            });
        } else {
            System.out.println("SCHEDULED " + id);
            System.out.flush();
        }
        awaitForever();
    }

    private static void awaitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
