package dev.outpost.ports.platform;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.FocalPoint;
import dev.outpost.domain.retry.RetryPolicy;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.domain.upload.UploadId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An {@link UploadContext} for adapters' and fakes' tests: what the core lends a transport, in memory and recorded,
 * so that a test can drive one upload and then look at what the transport did with the context.
 *
 * <ul>
 *   <li>checkpoints go to a {@link Journal}, which a second context can be given ({@link Builder#journal}) to
 *       resume as after a crash; {@link Builder#crashAfterCheckpoints} makes the "process" die right after the n-th
 *       checkpoint is durable;
 *   <li>{@link #call} supplies the credentials, refreshes once per request on
 *       {@link PlatformException.Unauthorized} through {@link Builder#refresher} (none by default: the refusal
 *       propagates), retries {@link PlatformException.Transient}, {@link PlatformException.RateLimited} (waiting
 *       until its reset) and, for repeatable requests, {@link PlatformException.Ambiguous}, within one budget per
 *       upload ({@link RetryPolicy}), and records every attempt;
 *   <li>{@link #awaitProcessing} records the hint the transport gave, waits {@code max(hint, minimum)} or a growing
 *       backoff without a hint, and throws {@link ProcessingDeadlinePassed} once the deadline would pass;
 *   <li>every wait goes through the {@link Builder#sleeper} (by default nothing sleeps; {@link Builder#clock} with a
 *       fake clock's {@code advance} makes waits move that clock) and is recorded.
 * </ul>
 *
 * <p>Thread-safe, as the real context is.
 */
public final class TestUploadContext implements UploadContext {
    /** The core's own failure when the retry budget of an upload is spent; the last platform failure is the cause. */
    public static final class RetriesSpent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetriesSpent(String operation, PlatformException last) {
            super("gave up on " + operation + " after the upload's retries were spent: " + last.getMessage(), last);
        }
    }

    /** The core's own failure when processing would outlast the deadline (or the test's cap on waits). */
    public static final class ProcessingDeadlinePassed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProcessingDeadlinePassed(String message) {
            super(message);
        }
    }

    /** Thrown by the context once the simulated process has died (after a checkpoint, see {@code crashAfter...}). */
    public static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String message) {
            super(message);
        }
    }

    /** Waits for {@code duration}; tests either move a fake clock or do nothing. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration);
    }

    /** One attempt of one request through {@link #call}. */
    public record Attempt(String operation, boolean repeatable, int attempt, String outcome) {
        /** Whether the attempt failed with a platform failure of this kind ({@code Transient}, ...). */
        public boolean failedWith(Class<? extends PlatformException> kind) {
            return outcome.equals(kind.getSimpleName());
        }
    }

    /** One wait for processing, as the transport asked for it and as it was waited. */
    public record ProcessingWait(Duration hint, int percent, Duration waited, Instant at) {
    }

    /** A progress event: {@code started} ({@code partsDone} -1) or {@code acknowledged}. */
    public record Progress(boolean start, long bytesAcknowledged, int partsDone, int parts) {
    }

    /** Why the context slept, and how long. */
    public record Sleep(String reason, Duration duration) {
    }

    /**
     * Where checkpoints are durable: the checkpoints of one upload id, in the order written. Share it between a
     * context that crashed and the one that resumes.
     */
    public static final class Journal {
        private final UploadId id = UploadId.random();
        private final List<UploadCheckpoint> written = new ArrayList<>();

        public UploadId uploadId() {
            return id;
        }

        /** Every checkpoint ever written, oldest first. */
        public synchronized List<UploadCheckpoint> checkpoints() {
            return List.copyOf(written);
        }

        /** The checkpoint in force: the last one written. */
        public synchronized Optional<UploadCheckpoint> latest() {
            return written.isEmpty() ? Optional.empty() : Optional.of(written.get(written.size() - 1));
        }

        /** Forgets everything, as the core does once an upload is over or starts afresh. */
        public synchronized void clear() {
            written.clear();
        }

        synchronized void write(UploadCheckpoint checkpoint) {
            written.add(checkpoint);
        }
    }

    private final MediaFile file;
    private final String altText;
    private final FocalPoint focus;
    private final int parallelism;
    private final Account account;
    private final Supplier<TokenSet> credentials;
    private final Function<AccountAccess, TokenSet> refresher;
    private final RetryPolicy retries;
    private final Random random;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration minimumPoll;
    private final Duration maximumPoll;
    private final Instant deadline;
    private final int maxProcessingWaits;
    private final Journal journal;
    private final Optional<UploadCheckpoint> resumed;
    private final int crashAfterCheckpoints;
    private final Consumer<UploadCheckpoint> onCheckpoint;

    private final AtomicInteger retriesSpent = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger checkpointsWritten = new AtomicInteger();
    private final List<Attempt> attempts = new ArrayList<>();
    private final List<ProcessingWait> waits = new ArrayList<>();
    private final List<Progress> progress = new ArrayList<>();
    private final List<Sleep> sleeps = new ArrayList<>();
    private volatile TokenSet refreshed;
    private volatile boolean crashed;

    private TestUploadContext(Builder b) {
        this.file = b.file;
        this.altText = b.altText;
        this.focus = b.focus;
        this.parallelism = b.parallelism;
        this.account = b.account;
        this.credentials = b.credentials;
        this.refresher = b.refresher;
        this.retries = b.retries;
        this.random = new Random(b.seed);
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.minimumPoll = b.minimumPoll;
        this.maximumPoll = b.maximumPoll;
        this.deadline = b.clock.instant().plus(b.processingDeadline);
        this.maxProcessingWaits = b.maxProcessingWaits;
        this.journal = b.journal;
        this.crashAfterCheckpoints = b.crashAfterCheckpoints;
        this.onCheckpoint = b.onCheckpoint;
        Instant now = clock.instant();
        this.resumed = journal.latest().filter(c -> c.phase() != UploadCheckpoint.Phase.READY)
                .filter(c -> !c.isExpiredAt(now)).filter(c -> c.continuesWith(file));
    }

    /** A context for uploading {@code file} as {@code access}'s account. */
    public static Builder builder(MediaFile file, AccountAccess access) {
        return new Builder(file, access.account(), access.credentials());
    }

    /** A context for uploading {@code file} as a made-up account of platform {@code contract} with {@code tokens}. */
    public static Builder builder(MediaFile file, TokenSet tokens) {
        return new Builder(file, account("contract", "1"), tokens);
    }

    /** A connected account with a fixed connection time, for tests that need any. */
    public static Account account(String platformId, String localId) {
        return new Account(AccountId.of(platformId, localId), localId, "user" + localId, null, null,
                AccountStatus.CONNECTED, Instant.parse("2026-01-01T00:00:00Z"));
    }

    // ---- the port

    @Override
    public MediaFile file() {
        return file;
    }

    @Override
    public String altText() {
        return altText;
    }

    @Override
    public FocalPoint focus() {
        return focus;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public Optional<UploadCheckpoint> resumed() {
        return resumed;
    }

    @Override
    public void checkpoint(UploadCheckpoint.Phase phase, String state, long bytesAcknowledged, Instant expiresAt) {
        alive();
        Objects.requireNonNull(phase, "phase");
        if (phase == UploadCheckpoint.Phase.READY) {
            throw new IllegalArgumentException("a transport never writes READY: the core does once upload() returns");
        }
        UploadCheckpoint checkpoint = new UploadCheckpoint(journal.uploadId(), account.id(), file, phase, state,
                bytesAcknowledged, expiresAt);
        journal.write(checkpoint);
        onCheckpoint.accept(checkpoint);
        if (checkpointsWritten.incrementAndGet() == crashAfterCheckpoints) {
            crashed = true;
            throw new SimulatedCrash("the process died after checkpoint " + crashAfterCheckpoints + " (" + phase
                    + ", " + bytesAcknowledged + " bytes)");
        }
    }

    @Override
    public <T> T call(String operation, boolean repeatable, Function<AccountAccess, T> request) {
        Objects.requireNonNull(operation, "operation");
        boolean refreshedHere = false;
        int attempt = 0;
        while (true) {
            alive();
            attempt++;
            AccountAccess access = access();
            try {
                T result = request.apply(access);
                record(new Attempt(operation, repeatable, attempt, "ok"));
                return result;
            } catch (PlatformException.Unauthorized e) {
                record(new Attempt(operation, repeatable, attempt, kind(e)));
                if (refreshedHere || refresher == null) {
                    throw e;
                }
                refreshedHere = true;
                refreshes.incrementAndGet();
                refreshed = Objects.requireNonNull(refresher.apply(access), "refresher returned null");
            } catch (PlatformException.Transient | PlatformException.RateLimited e) {
                record(new Attempt(operation, repeatable, attempt, kind(e)));
                retryAfter(operation, attempt, e);
            } catch (PlatformException.Ambiguous e) {
                record(new Attempt(operation, repeatable, attempt, kind(e)));
                if (!repeatable) {
                    throw e;
                }
                retryAfter(operation, attempt, e);
            } catch (PlatformException e) {
                record(new Attempt(operation, repeatable, attempt, kind(e)));
                throw e;
            }
        }
    }

    @Override
    public void started(int parts, long alreadyAcknowledged) {
        alive();
        if (parts < 0 || alreadyAcknowledged < 0 || alreadyAcknowledged > file.size()) {
            throw new IllegalArgumentException("started(" + parts + ", " + alreadyAcknowledged + ") for a file of "
                    + file.size() + " bytes");
        }
        synchronized (progress) {
            progress.add(new Progress(true, alreadyAcknowledged, -1, parts));
        }
    }

    @Override
    public void acknowledged(long bytesAcknowledged, int partsDone, int parts) {
        alive();
        if (bytesAcknowledged < 0 || bytesAcknowledged > file.size() || partsDone < 0 || partsDone > parts) {
            throw new IllegalArgumentException("acknowledged(" + bytesAcknowledged + ", " + partsDone + ", " + parts
                    + ") for a file of " + file.size() + " bytes");
        }
        synchronized (progress) {
            progress.add(new Progress(false, bytesAcknowledged, partsDone, parts));
        }
    }

    @Override
    public void awaitProcessing(Duration hint, int percent) {
        alive();
        if (percent < -1 || percent > 100) {
            throw new IllegalArgumentException("percent is -1 or 0 to 100: " + percent);
        }
        Duration wait;
        int count;
        synchronized (waits) {
            count = waits.size();
            wait = hint != null ? max(hint, minimumPoll) : backoff(count);
            Instant now = clock.instant();
            if (count >= maxProcessingWaits || now.plus(wait).isAfter(deadline)) {
                throw new ProcessingDeadlinePassed("processing of " + file.displayName() + " did not finish before "
                        + deadline + " (" + count + " waits)");
            }
            waits.add(new ProcessingWait(hint, percent, wait, now));
        }
        sleep("processing", wait);
    }

    // ---- what the transport did

    /** The journal this context writes to, for a second context to resume from. */
    public Journal journal() {
        return journal;
    }

    /** Every attempt of every request, in order. */
    public List<Attempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    /** The attempts of requests whose operation starts with {@code prefix}. */
    public List<Attempt> attempts(String prefix) {
        return attempts().stream().filter(a -> a.operation().startsWith(prefix)).toList();
    }

    public int retriesSpent() {
        return retriesSpent.get();
    }

    /** How many times the credentials were refreshed. */
    public int refreshes() {
        return refreshes.get();
    }

    /** The credentials requests carry now (the refreshed ones after a refresh). */
    public TokenSet currentCredentials() {
        TokenSet r = refreshed;
        return r != null ? r : credentials.get();
    }

    public List<ProcessingWait> processingWaits() {
        synchronized (waits) {
            return List.copyOf(waits);
        }
    }

    public List<Progress> progress() {
        synchronized (progress) {
            return List.copyOf(progress);
        }
    }

    /** The most bytes any progress event said the platform held; 0 before any. */
    public long bytesAcknowledged() {
        return progress().stream().mapToLong(Progress::bytesAcknowledged).max().orElse(0);
    }

    public List<Sleep> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }

    /** The checkpoints this context wrote (the journal may hold earlier runs' too). */
    public int checkpointsWritten() {
        return checkpointsWritten.get();
    }

    public boolean crashed() {
        return crashed;
    }

    public Instant deadline() {
        return deadline;
    }

    // ---- inside

    private AccountAccess access() {
        return new AccountAccess(account, currentCredentials());
    }

    private void retryAfter(String operation, int attempt, PlatformException failure) {
        if (attempt >= retries.maxAttempts() || retriesSpent.incrementAndGet() > retries.budget()) {
            throw new RetriesSpent(operation, failure);
        }
        Duration wait;
        if (failure instanceof PlatformException.RateLimited limited && limited.resetAt().isPresent()) {
            Instant now = clock.instant();
            Instant reset = limited.resetAt().get();
            if (reset.isAfter(deadline)) {
                throw failure;
            }
            wait = reset.isAfter(now) ? Duration.between(now, reset) : Duration.ZERO;
        } else {
            synchronized (random) {
                wait = retries.delay(attempt, random);
            }
        }
        sleep("retry " + operation, wait);
    }

    private Duration backoff(int previousWaits) {
        Duration wait = minimumPoll;
        for (int i = 0; i < previousWaits && wait.compareTo(maximumPoll) < 0; i++) {
            wait = wait.isZero() ? Duration.ofMillis(1) : wait.multipliedBy(2);
        }
        return wait.compareTo(maximumPoll) > 0 ? maximumPoll : wait;
    }

    private void sleep(String reason, Duration duration) {
        synchronized (sleeps) {
            sleeps.add(new Sleep(reason, duration));
        }
        if (!duration.isZero()) {
            sleeper.sleep(duration);
        }
    }

    private void record(Attempt attempt) {
        synchronized (attempts) {
            attempts.add(attempt);
        }
    }

    private void alive() {
        if (crashed) {
            throw new SimulatedCrash("the process is dead: nothing runs after a simulated crash");
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String kind(PlatformException e) {
        return e.getClass().getSimpleName();
    }

    /** Builds a {@link TestUploadContext}; every setting has a default good for fakes on a fake clock. */
    public static final class Builder {
        private final MediaFile file;
        private final Account account;
        private Supplier<TokenSet> credentials;
        private String altText;
        private FocalPoint focus;
        private int parallelism = 1;
        private Function<AccountAccess, TokenSet> refresher;
        private RetryPolicy retries = new RetryPolicy(5, Duration.ZERO, Duration.ZERO, 20);
        private long seed = 1;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = d -> { };
        private Duration minimumPoll = Duration.ofSeconds(1);
        private Duration maximumPoll = Duration.ofSeconds(30);
        private Duration processingDeadline = Duration.ofMinutes(30);
        private int maxProcessingWaits = 1000;
        private Journal journal = new Journal();
        private int crashAfterCheckpoints = -1;
        private Consumer<UploadCheckpoint> onCheckpoint = c -> { };

        private Builder(MediaFile file, Account account, TokenSet tokens) {
            this.file = Objects.requireNonNull(file, "file");
            this.account = Objects.requireNonNull(account, "account");
            Objects.requireNonNull(tokens, "tokens");
            this.credentials = () -> tokens;
        }

        public Builder focus(FocalPoint point) {
            this.focus = point;
            return this;
        }

        public Builder altText(String text) {
            this.altText = text == null || text.isBlank() ? null : text;
            return this;
        }

        public Builder parallelism(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("parallelism is 1 or more");
            }
            this.parallelism = n;
            return this;
        }

        /** Where the credentials come from at each attempt (a token store, say). */
        public Builder credentials(Supplier<TokenSet> source) {
            this.credentials = Objects.requireNonNull(source, "source");
            return this;
        }

        /** What gives new credentials after an {@link PlatformException.Unauthorized}; none: it propagates. */
        public Builder refresher(Function<AccountAccess, TokenSet> refresh) {
            this.refresher = refresh;
            return this;
        }

        /** Attempts per request, backoff and the upload's budget; default 5 attempts, no waits, 20 retries. */
        public Builder retries(RetryPolicy policy) {
            this.retries = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder seed(long randomSeed) {
            this.seed = randomSeed;
            return this;
        }

        /** The clock deadlines and rate-limit resets are read on. */
        public Builder clock(Clock source) {
            this.clock = Objects.requireNonNull(source, "source");
            return this;
        }

        /** How waits happen; by default nobody sleeps. */
        public Builder sleeper(Sleeper how) {
            this.sleeper = Objects.requireNonNull(how, "how");
            return this;
        }

        /** The shortest wait for processing (1 s by default, as the core's), and the longest backoff (30 s). */
        public Builder polls(Duration minimum, Duration maximum) {
            this.minimumPoll = Objects.requireNonNull(minimum, "minimum");
            this.maximumPoll = Objects.requireNonNull(maximum, "maximum");
            return this;
        }

        /** How long processing may take from the context's creation (30 min by default). */
        public Builder processingDeadline(Duration deadline) {
            this.processingDeadline = Objects.requireNonNull(deadline, "deadline");
            return this;
        }

        /** The most processing waits before giving up, whatever the clock says (1,000 by default). */
        public Builder maxProcessingWaits(int n) {
            this.maxProcessingWaits = n;
            return this;
        }

        /** Resume from (and write to) this journal: pass the journal of a context that crashed. */
        public Builder journal(Journal shared) {
            this.journal = Objects.requireNonNull(shared, "shared");
            return this;
        }

        /** The simulated process dies right after its {@code n}-th checkpoint is durable (1-based). */
        public Builder crashAfterCheckpoints(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("n is 1 or more");
            }
            this.crashAfterCheckpoints = n;
            return this;
        }

        /** Called after each checkpoint is durable (before a simulated crash), to inject faults at that point. */
        public Builder onCheckpoint(Consumer<UploadCheckpoint> hook) {
            this.onCheckpoint = Objects.requireNonNull(hook, "hook");
            return this;
        }

        public TestUploadContext build() {
            return new TestUploadContext(this);
        }
    }
}
