package dev.outpost.application;

import dev.outpost.application.progress.ProgressBus;
import dev.outpost.ports.storage.Stores;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The use cases assembled over one set of stores and platforms: what both apps (and the end-to-end tests) run.
 * Plain constructor wiring; the apps bind these objects into Guice.
 */
public final class OutpostCore implements AutoCloseable {
    private final Stores stores;
    private final ProgressBus progress = new ProgressBus();
    private final Accounts accounts;
    private final ConnectAccount connectAccount;
    private final PlatformCatalog catalog;
    private final UploadMedia uploadMedia;
    private final Publications publications;
    private final PublicationRunner runner;
    private final SavedDrafts drafts;

    /**
     * What the core is made of besides stores and platforms.
     *
     * @param workerName this instance's name in publication claims
     * @param claimHolders which claim holders are known dead, so their claims are taken over before their lease ends
     */
    public record Options(Clock clock, Sleeper sleeper, RandomGenerator random, UploadSettings uploads,
            PublicationRunner.Settings publishing, String workerName, ClaimHolders claimHolders) {
        public Options {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(uploads, "uploads");
            Objects.requireNonNull(publishing, "publishing");
            Objects.requireNonNull(workerName, "workerName");
            Objects.requireNonNull(claimHolders, "claimHolders");
        }

        /** The defaults; claims of dead processes on this host ({@link LocalProcesses}) are taken over. */
        public static Options defaults(Clock clock, String workerName) {
            return new Options(clock, Sleeper.SYSTEM, new SecureRandom(), UploadSettings.DEFAULT,
                    PublicationRunner.Settings.DEFAULT, workerName, LocalProcesses.onThisHost());
        }

        public Options withUploads(UploadSettings next) {
            return new Options(clock, sleeper, random, next, publishing, workerName, claimHolders);
        }

        public Options withPublishing(PublicationRunner.Settings next) {
            return new Options(clock, sleeper, random, uploads, next, workerName, claimHolders);
        }

        public Options withSleeper(Sleeper next) {
            return new Options(clock, next, random, uploads, publishing, workerName, claimHolders);
        }

        public Options withClaimHolders(ClaimHolders next) {
            return new Options(clock, sleeper, random, uploads, publishing, workerName, next);
        }
    }

    public OutpostCore(Stores stores, Platforms platforms, Options options) {
        this.stores = stores;
        MediaInspector inspector = new MediaInspector();
        AccessTokens accessTokens = new AccessTokens(stores.tokens(), stores.accounts(), platforms, options.clock());
        this.accounts = new Accounts(stores.accounts(), platforms);
        this.connectAccount = new ConnectAccount(platforms, stores.pendingAuthorizations(), stores.accounts(),
                stores.tokens(), options.clock(), new SecureRandom());
        this.catalog = new PlatformCatalog(platforms, stores.accounts());
        MediaUploader uploader = new MediaUploader(stores.uploads(), accessTokens, platforms, options.clock(),
                options.sleeper(), options.random(), options.uploads());
        this.uploadMedia = new UploadMedia(platforms, uploader, stores.uploads(), inspector, options.clock());
        this.publications = new Publications(platforms, stores.accounts(), stores.publications(), stores.jobs(),
                stores.uploads(), inspector, options.clock(), options.random());
        this.runner = new PublicationRunner(stores.publications(), stores.accounts(), stores.uploads(), stores.jobs(),
                platforms, accessTokens, uploader, inspector, options.clock(), options.sleeper(), options.random(),
                options.uploads(), options.publishing(), progress, options.workerName(), options.claimHolders());
        this.drafts = new SavedDrafts(stores::savedDrafts, options.clock());
    }

    /** Starts running due publications on this instance, after queueing what a dead worker left half done. */
    public void startQueue() {
        // Queue first, then start: rescheduling a job the scheduler has just picked up races with its completion.
        publications.recoverInterrupted();
        stores.jobs().start(id -> runner.run(id));
    }

    public ProgressBus progress() {
        return progress;
    }

    public Accounts accounts() {
        return accounts;
    }

    public ConnectAccount connectAccount() {
        return connectAccount;
    }

    public PlatformCatalog platforms() {
        return catalog;
    }

    public UploadMedia uploadMedia() {
        return uploadMedia;
    }

    public Publications publications() {
        return publications;
    }

    public PublicationRunner runner() {
        return runner;
    }

    /** Drafts saved on the server as the user types. */
    public SavedDrafts drafts() {
        return drafts;
    }

    /** Stops the queue; the stores stay open (their owner closes them). */
    @Override
    public void close() {
        stores.jobs().stop();
    }
}
