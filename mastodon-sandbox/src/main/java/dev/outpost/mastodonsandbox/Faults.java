package dev.outpost.mastodonsandbox;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults in force: rules per endpoint (each counting the calls since it was installed), how many polls of
 * {@code GET /api/v1/media/:id} answer 206 before media is ready, and how many of the next processed media fail.
 * Thread-safe.
 */
public final class Faults {
    private final List<Installed> rules = new ArrayList<>();
    private final AtomicInteger failProcessing = new AtomicInteger();
    private volatile int processingPolls;

    private record Installed(FaultRule rule, AtomicInteger calls) {
    }

    Faults(int processingPolls) {
        this.processingPolls = processingPolls;
    }

    /** Installs a rule such as {@code statuses=drop}; its calls are counted from now. */
    public synchronized Faults add(FaultRule rule) {
        rules.add(new Installed(rule, new AtomicInteger()));
        return this;
    }

    public Faults add(String spec) {
        return add(FaultRule.parse(spec));
    }

    public synchronized void clear() {
        rules.clear();
        failProcessing.set(0);
    }

    public synchronized List<String> specs() {
        return rules.stream().map(i -> i.rule().spec()).toList();
    }

    /** Video and GIF uploads answer 202 and then this many polls of 206 before 200 (0: ready at the first poll). */
    public void processingPolls(int polls) {
        if (polls < 0) {
            throw new IllegalArgumentException("processing polls are 0 or more");
        }
        this.processingPolls = polls;
    }

    public int processingPolls() {
        return processingPolls;
    }

    /** The next {@code count} media that are processed fail (their GET answers 422). */
    public void failProcessing(int count) {
        failProcessing.set(count);
    }

    boolean takeProcessingFailure() {
        return failProcessing.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** The rule that fires on this call of {@code endpoint}, if any; every matching rule counts the call. */
    synchronized Optional<FaultRule> onCall(Endpoint endpoint) {
        FaultRule fired = null;
        for (Installed installed : rules) {
            if (installed.rule().endpoint() == endpoint) {
                int n = installed.calls().incrementAndGet();
                if (fired == null && installed.rule().firesOn(n)) {
                    fired = installed.rule();
                }
            }
        }
        return Optional.ofNullable(fired);
    }

    synchronized Map<Endpoint, Integer> counts() {
        Map<Endpoint, Integer> out = new EnumMap<>(Endpoint.class);
        rules.forEach(i -> out.merge(i.rule().endpoint(), i.calls().get(), Math::max));
        return out;
    }
}
