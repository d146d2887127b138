package dev.outpost.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Run in its own JVM by {@link DeferredTlsTest}: installs the deferred context as Main does, then GETs one URL. */
public final class DeferredTlsProbe {
    private DeferredTlsProbe() {
    }

    public static void main(String[] args) {
        DeferredTls.install();
        HttpClient client = HttpClient.newHttpClient();
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(args[0])).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("answered " + answer.statusCode() + " " + answer.body());
        } catch (Exception e) {
            System.out.println("failed " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        QuickExit.stopHttpSelectors();
        System.exit(0);
    }
}
