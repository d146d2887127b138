package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

/** Connects the sandbox's default user through the real redirect flow, as a script would (no browser). */
final class Accounts {
    private Accounts() {
    }

    /**
     * Where a connect request sends the user: a script (Basic credentials) is redirected (303); a browser session
     * gets a page that goes on by itself, with a Continue link.
     */
    static String authorizeUrl(HttpResponse<String> start) {
        if (start.statusCode() == 303) {
            return start.headers().firstValue("Location").orElseThrow();
        }
        assertThat(start.statusCode()).as(start.body()).isEqualTo(200);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("id=\"continue\" href=\"([^\"]+)\"")
                .matcher(start.body());
        assertThat(link.find()).as("a Continue link in " + start.body()).isTrue();
        assertThat(start.body()).contains("<meta http-equiv=\"refresh\" content=\"0;url=");
        return link.group(1).replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"");
    }

    /** @return the account id, such as {@code x:1700000000000000001} */
    static String connect(WebClient client, dev.outpost.xsandbox.XSandbox sandbox) {
        sandbox.setAutoApprove(true);
        try {
            HttpResponse<String> start = client.postForm("/accounts/connect",
                    client.csrf() == null ? Map.of("platform", "x") : Map.of("platform", "x", "_csrf", client.csrf()));
            String authorize = authorizeUrl(start);
            HttpResponse<String> consent = client.get(authorize);
            String callback = consent.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> done = client.get(callback);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
            return "x:" + sandbox.defaultUser().id();
        } finally {
            sandbox.setAutoApprove(false);
        }
    }

    /**
     * Connects the embedded Mastodon sandbox's user as a script would (Basic credentials: the connect answers 303 to
     * the sandbox's authorize page, which approves by itself and sends back to the callback).
     *
     * @return the account id, such as {@code mastodon:127.0.0.1:…}
     */
    static String connectMastodon(WebClient client, OutpostWeb app) throws Exception {
        String server = app.mastodonSandbox().orElseThrow().baseUrl();
        HttpResponse<String> start = client.postForm("/accounts/connect", Map.of("platform", "mastodon",
                AccountRoutes.FIELD_PREFIX + "server", server));
        String authorize = authorizeUrl(start);
        HttpResponse<String> approved = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
        java.net.URI callback = java.net.URI.create(approved.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> back = client.get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(back.statusCode()).as(back.body()).isIn(302, 303);
        for (com.fasterxml.jackson.databind.JsonNode a : Json.MAPPER.readTree(client.get("/api/accounts").body())) {
            if (a.get("id").asText().startsWith("mastodon:")) {
                return a.get("id").asText();
            }
        }
        throw new AssertionError("no Mastodon account after connecting");
    }
}
