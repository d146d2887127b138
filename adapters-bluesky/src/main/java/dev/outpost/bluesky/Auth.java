package dev.outpost.bluesky;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * What a request carries to prove who sends it: nothing, a bearer token (a session's access or refresh JWT, a
 * service-auth token). Its {@link #toString()} never shows the token.
 */
interface Auth {
    Auth NONE = (request, method, uri) -> {
    };

    /** Adds the proof to a request about to go to {@code uri} with {@code method}. */
    void sign(HttpRequest.Builder request, String method, URI uri);

    /**
     * Reads what the server said about the proof; true when the request should be sent once more (the server asked
     * for a fresh DPoP nonce, which it has now given).
     */
    default boolean retry(URI uri, XrpcAnswer answer) {
        return false;
    }

    static Auth bearer(String token) {
        return new Auth() {
            @Override
            public void sign(HttpRequest.Builder request, String method, URI uri) {
                request.header("Authorization", "Bearer " + token);
            }

            @Override
            public String toString() {
                return "Auth[Bearer ***]";
            }
        };
    }

    /** A DPoP-bound access token (atproto OAuth): {@code Authorization: DPoP <token>} and a fresh proof. */
    static Auth dpop(String token, DpopKey key, java.time.Clock clock) {
        return new Auth() {
            @Override
            public void sign(HttpRequest.Builder request, String method, URI uri) {
                request.header("Authorization", "DPoP " + token);
                request.header("DPoP", key.proof(method, uri, DpopNonces.SHARED.get(uri), token, clock.instant()));
            }

            @Override
            public boolean retry(URI uri, XrpcAnswer answer) {
                boolean learned = DpopNonces.SHARED.learn(uri, answer.headers().firstValue("DPoP-Nonce")
                        .orElse(null));
                boolean asked = answer.status() == 401 && (answer.error().equals("use_dpop_nonce")
                        || answer.headers().firstValue("WWW-Authenticate").orElse("").contains("use_dpop_nonce"));
                return learned && asked;
            }

            @Override
            public String toString() {
                return "Auth[DPoP ***]";
            }
        };
    }

    /** What the session of {@code access} proves itself with: its bearer token, or its DPoP-bound token and key. */
    static Auth of(dev.outpost.ports.platform.AccountAccess access, java.time.Clock clock) {
        return SessionState.of(access).dpopKey().map(key -> dpop(access.accessToken(), key, clock))
                .orElseGet(() -> bearer(access.accessToken()));
    }
}
