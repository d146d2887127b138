package dev.outpost.bluesky;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest DPoP nonce each server handed out (they rotate every few minutes), by origin. Nonces are public; one
 * cache serves every session of the process. Thread-safe.
 */
final class DpopNonces {
    static final DpopNonces SHARED = new DpopNonces();

    private final Map<String, String> byOrigin = new ConcurrentHashMap<>();

    String get(URI uri) {
        return byOrigin.get(origin(uri));
    }

    /** Keeps the nonce an answer carried; whether it is new (a request refused for want of it may be sent again). */
    boolean learn(URI uri, String nonce) {
        if (nonce == null || nonce.isBlank()) {
            return false;
        }
        return !nonce.equals(byOrigin.put(origin(uri), nonce));
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
