package dev.outpost.xsandbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults in force, changeable while the sandbox runs (from tests through
 * {@link XSandbox#faults()} or over HTTP under {@code /__sandbox/faults}). Thread-safe.
 */
public final class Faults {
    private final CopyOnWriteArrayList<ArmedRule> rules = new CopyOnWriteArrayList<>();
    private volatile Duration latency = Duration.ZERO;
    private volatile long bandwidthBytesPerSecond = 0;
    private final AtomicInteger processingFailuresLeft = new AtomicInteger();

    private record ArmedRule(FaultRule rule, AtomicInteger seen, AtomicInteger fired) {
    }

    /** A rule with how often it has matched and fired so far, for {@code /__sandbox/state}. */
    public record RuleStatus(String spec, int seen, int fired) {
    }

    Faults(SandboxConfig config) {
        config.faultRules().forEach(this::add);
        latency = config.latency();
        bandwidthBytesPerSecond = config.bandwidthBytesPerSecond();
        processingFailuresLeft.set(config.failProcessingCount());
    }

    public Faults add(FaultRule rule) {
        rules.add(new ArmedRule(rule, new AtomicInteger(), new AtomicInteger()));
        return this;
    }

    /** Adds a rule written as {@code ENDPOINT[@N][xM|x*]=ACTION}, see {@link FaultRule}. */
    public Faults add(String spec) {
        return add(FaultRule.parse(spec));
    }

    /** Resets the connection during the body of the {@code nth} APPEND from now on. */
    public Faults resetDuringAppend(int nth) {
        return add(FaultRule.once(Endpoint.MEDIA_APPEND, nth, new FaultAction.ResetDuringBody(-1)));
    }

    /** Answers {@code status} to calls {@code nth} … {@code nth + times - 1} of an endpoint. */
    public Faults failWith(Endpoint endpoint, int status, int nth, int times) {
        return add(new FaultRule(endpoint, nth, times, new FaultAction.Respond(status)));
    }

    /** The next {@code count} calls to the endpoint get 429, as a burst of rate limiting. */
    public Faults rateLimitBurst(Endpoint endpoint, int count) {
        return failWith(endpoint, 429, 1, count);
    }

    /** The token endpoint answers 503 until {@link #endTokenOutage()}. */
    public Faults tokenOutage() {
        return add(new FaultRule(Endpoint.TOKEN, 1, 0, new FaultAction.Respond(503)));
    }

    public Faults endTokenOutage() {
        rules.removeIf(r -> r.rule().endpoint() == Endpoint.TOKEN && r.rule().times() == 0);
        return this;
    }

    /** The next post is created but the connection is closed instead of answering. */
    public Faults dropNextPostResponse() {
        return add(FaultRule.once(Endpoint.TWEETS_CREATE, 1, new FaultAction.DropResponse()));
    }

    /** The next post is created but answered only after {@code delay}. */
    public Faults delayNextPostResponse(Duration delay) {
        return add(FaultRule.once(Endpoint.TWEETS_CREATE, 1, new FaultAction.DelayResponse(delay)));
    }

    /** The next {@code count} media that need processing end in state {@code failed}. */
    public Faults failProcessing(int count) {
        processingFailuresLeft.set(count);
        return this;
    }

    /** Added before every request is handled. */
    public Faults latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** Caps how fast request bodies are read, in bytes per second for each request; 0 lifts the cap. */
    public Faults bandwidth(long bytesPerSecond) {
        this.bandwidthBytesPerSecond = bytesPerSecond;
        return this;
    }

    /** Removes every fault, latency and cap. */
    public Faults clear() {
        rules.clear();
        latency = Duration.ZERO;
        bandwidthBytesPerSecond = 0;
        processingFailuresLeft.set(0);
        return this;
    }

    public Duration latency() {
        return latency;
    }

    public long bandwidthBytesPerSecond() {
        return bandwidthBytesPerSecond;
    }

    public int processingFailuresLeft() {
        return processingFailuresLeft.get();
    }

    public List<RuleStatus> rules() {
        return rules.stream().map(r -> new RuleStatus(r.rule().spec(), r.seen().get(), r.fired().get())).toList();
    }

    /** Counts the call in every rule for its endpoint and returns the first rule that fires. */
    Optional<FaultRule> onCall(Endpoint endpoint) {
        FaultRule chosen = null;
        for (ArmedRule armed : rules) {
            if (armed.rule().endpoint().matches(endpoint)) {
                int occurrence = armed.seen().incrementAndGet();
                if (chosen == null && armed.rule().firesOn(occurrence)) {
                    armed.fired().incrementAndGet();
                    chosen = armed.rule();
                }
            }
        }
        return Optional.ofNullable(chosen);
    }

    boolean takeProcessingFailure() {
        return processingFailuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
