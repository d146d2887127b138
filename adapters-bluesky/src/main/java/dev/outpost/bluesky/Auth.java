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
}
