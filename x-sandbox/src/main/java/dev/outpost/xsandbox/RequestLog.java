package dev.outpost.xsandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** The last requests (bounded, so a long benchmark cannot exhaust memory). Thread-safe. */
public final class RequestLog {
    static final int CAPACITY = 10_000;
    private final ConcurrentLinkedDeque<LoggedRequest> entries = new ConcurrentLinkedDeque<>();
    private final AtomicLong sequence = new AtomicLong();

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    void add(LoggedRequest request) {
        entries.addLast(request);
        while (entries.size() > CAPACITY) {
            entries.pollFirst();
        }
    }

    public List<LoggedRequest> all() {
        return new ArrayList<>(entries);
    }

    public List<LoggedRequest> matching(Predicate<LoggedRequest> filter) {
        return entries.stream().filter(filter).toList();
    }

    /** Requests to an endpoint, e.g. {@code forEndpoint(Endpoint.MEDIA_APPEND)}. */
    public List<LoggedRequest> forEndpoint(Endpoint endpoint) {
        return matching(r -> endpoint.key().equals(r.endpoint()));
    }

    void clear() {
        entries.clear();
    }
}
