package dev.outpost.architecture.planted.application;

import java.net.http.HttpClient;

/** Violation: HTTP inside a use case. */
public final class UseCaseUsesHttpClient {
    public HttpClient client() {
        return HttpClient.newHttpClient();
    }
}
