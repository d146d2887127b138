package dev.outpost.blueskysandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faults to inject, per XRPC method (NSID), each for the next calls of that method, in the order given: an answer
 * lost after the call took effect, an error status, a 429 {@code RateLimitExceeded} with its reset time. Also: jobs
 * that will fail, and access tokens issued before a moment refused as expired. Thread-safe.
 */
public final class Faults {
    /** One injected answer. */
    public sealed interface Fault {
        /** The call takes effect, then the connection closes without an answer. */
        record LoseAnswer() implements Fault {
        }

        /** Answer this status and error name instead of acting (a 500 {@code InternalServerError}, say). */
        record Status(int status, String error, String message) implements Fault {
        }

        /** 429 {@code RateLimitExceeded}, the limit resetting at {@code reset}. */
        record RateLimited(Instant reset) implements Fault {
        }
    }

    private final Map<String, Deque<Fault>> pending = new ConcurrentHashMap<>();
    private final List<String> failingJobs = new ArrayList<>();
    private volatile Instant tokensIssuedBeforeExpired = Instant.MIN;

    /** The next {@code times} calls of {@code nsid} get {@code fault}. */
    public synchronized void inject(String nsid, Fault fault, int times) {
        Deque<Fault> queue = pending.computeIfAbsent(nsid, k -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
    }

    public void loseAnswers(String nsid, int times) {
        inject(nsid, new Fault.LoseAnswer(), times);
    }

    public void rateLimit(String nsid, int times, Instant reset) {
        inject(nsid, new Fault.RateLimited(reset), times);
    }

    public void status(String nsid, int times, int status, String error) {
        inject(nsid, new Fault.Status(status, error, error), times);
    }

    /** The next {@code count} video jobs end in {@code JOB_STATE_FAILED} with this error. */
    public synchronized void failJobs(int count, String error) {
        for (int i = 0; i < count; i++) {
            failingJobs.add(error);
        }
    }

    /** Access tokens issued before {@code moment} are answered {@code ExpiredToken} from now on. */
    public void expireAccessTokensIssuedBefore(Instant moment) {
        this.tokensIssuedBeforeExpired = moment;
    }

    public synchronized void clear() {
        pending.clear();
        failingJobs.clear();
        tokensIssuedBeforeExpired = Instant.MIN;
    }

    synchronized Optional<Fault> next(String nsid) {
        Deque<Fault> queue = pending.get(nsid);
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.poll());
    }

    synchronized Optional<String> nextJobFailure() {
        return failingJobs.isEmpty() ? Optional.empty() : Optional.of(failingJobs.remove(0));
    }

    Instant tokensIssuedBeforeExpired() {
        return tokensIssuedBeforeExpired;
    }

    /** The faults still waiting, by NSID, for the admin API. */
    synchronized Map<String, List<String>> describe() {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        pending.forEach((nsid, queue) -> {
            if (!queue.isEmpty()) {
                out.put(nsid, queue.stream().map(Object::toString).toList());
            }
        });
        return out;
    }
}
