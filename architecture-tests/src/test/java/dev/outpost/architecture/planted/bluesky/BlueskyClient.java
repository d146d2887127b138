package dev.outpost.architecture.planted.bluesky;

import java.net.http.HttpClient;

/** Obeys the adapter rules: its own HTTP client, no other module. */
public final class BlueskyClient {
    public HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }
}
