package dev.outpost.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down wrong admin passwords, then locks them out: per client (its address) after a few wrong tries each next
 * try must wait longer (1 s, 2 s, 4 s … up to a minute), and after more a lock-out of a quarter of an hour; across
 * all clients together, too many wrong tries in a quarter of an hour pause signing in for everyone for a while (a
 * guess spread over many addresses). A refused try is not checked at all, so the right password does not get
 * through a wait either. A right password clears its client's count. Bounded in memory. Thread-safe.
 */
final class SignInThrottle {
    /**
     * @param freeTries wrong tries a client has before the waits begin
     * @param firstDelay the first wait; each further wrong try doubles it, up to {@code maxDelay}
     * @param lockAfter wrong tries (within {@code window}) that lock the client out for {@code lockFor}
     * @param globalLimit wrong tries from all clients within {@code window} that pause everyone for
     *     {@code globalPause}
     */
    record Policy(int freeTries, Duration firstDelay, Duration maxDelay, int lockAfter, Duration lockFor,
            Duration window, int globalLimit, Duration globalPause) {
        static final Policy DEFAULT = new Policy(3, Duration.ofSeconds(1), Duration.ofMinutes(1), 10,
                Duration.ofMinutes(15), Duration.ofMinutes(15), 100, Duration.ofMinutes(5));
    }

    private static final int MAX_CLIENTS = 10_000;

    private record Client(int failures, Instant lastFailure, Instant nextTry, boolean locked) {
    }

    private final Policy policy;
    private final Clock clock;
    private final Map<String, Client> clients = new LinkedHashMap<>();
    private final Deque<Instant> recentFailures = new ArrayDeque<>();
    private Instant pausedUntil = Instant.MIN;

    SignInThrottle(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** Why {@code client} may not try a password now, for the user; empty when it may. */
    synchronized Optional<String> refusal(String client) {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return Optional.of("Too many wrong passwords were tried here lately, so signing in is paused for"
                    + " everyone for " + wait(now, pausedUntil) + ". If that was not you, someone is guessing:"
                    + " check who can reach this Outpost.");
        }
        Client state = current(client, now);
        if (state == null || !now.isBefore(state.nextTry())) {
            return Optional.empty();
        }
        if (state.locked()) {
            return Optional.of("Too many wrong passwords from this address: signing in from here is locked for "
                    + wait(now, state.nextTry()) + ".");
        }
        return Optional.of("Too many wrong passwords in a row: wait " + wait(now, state.nextTry())
                + " before trying again.");
    }

    /** A wrong password from {@code client}; returns what the user should know about their next try, if anything. */
    synchronized Optional<String> failed(String client) {
        Instant now = clock.instant();
        recentFailures.addLast(now);
        while (recentFailures.size() > policy.globalLimit()
                || !recentFailures.isEmpty() && recentFailures.peekFirst().isBefore(now.minus(policy.window()))) {
            recentFailures.pollFirst();
        }
        if (recentFailures.size() >= policy.globalLimit()) {
            pausedUntil = now.plus(policy.globalPause());
            recentFailures.clear();
        }
        Client before = current(client, now);
        int failures = before == null ? 1 : before.failures() + 1;
        Client next;
        if (failures >= policy.lockAfter()) {
            next = new Client(failures, now, now.plus(policy.lockFor()), true);
        } else if (failures >= policy.freeTries()) {
            Duration delay = policy.firstDelay().multipliedBy(1L << Math.min(20, failures - policy.freeTries()));
            next = new Client(failures, now, now.plus(delay.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay()
                    : delay), false);
        } else {
            next = new Client(failures, now, now, false);
        }
        clients.remove(client);
        clients.put(client, next);
        trim(now);
        return refusal(client);
    }

    /** The right password: the client starts afresh. */
    synchronized void succeeded(String client) {
        clients.remove(client);
    }

    /** The client's record, forgotten once its last wrong try is a window old (and any wait is over). */
    private Client current(String client, Instant now) {
        Client state = clients.get(client);
        if (state != null && state.lastFailure().plus(policy.window()).isBefore(now)
                && !now.isBefore(state.nextTry())) {
            clients.remove(client);
            return null;
        }
        return state;
    }

    private void trim(Instant now) {
        Iterator<Map.Entry<String, Client>> oldestFirst = clients.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Client state = oldestFirst.next().getValue();
            if (clients.size() <= MAX_CLIENTS && !isOld(state, now)) {
                break;
            }
            oldestFirst.remove();
        }
    }

    private boolean isOld(Client state, Instant now) {
        return state.lastFailure().plus(policy.window()).isBefore(now) && !now.isBefore(state.nextTry());
    }

    /** "3 seconds", "15 minutes": rounded up, so a wait is never shorter than said. */
    private static String wait(Instant now, Instant until) {
        long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
        if (seconds < 90) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + " minutes";
    }
}
