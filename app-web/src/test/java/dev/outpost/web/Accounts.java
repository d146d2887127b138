package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

/** Connects the sandbox's default user through the real redirect flow, as a script would (no browser). */
final class Accounts {
    private Accounts() {
    }

    /** @return the account id, such as {@code x:1700000000000000001} */
    static String connect(WebClient client, dev.outpost.xsandbox.XSandbox sandbox) {
        sandbox.setAutoApprove(true);
        try {
            HttpResponse<String> start = client.postForm("/accounts/connect",
                    client.csrf() == null ? Map.of("platform", "x") : Map.of("platform", "x", "_csrf", client.csrf()));
            assertThat(start.statusCode()).isEqualTo(303);
            String authorize = start.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> consent = client.get(authorize);
            String callback = consent.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> done = client.get(callback);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
            return "x:" + sandbox.defaultUser().id();
        } finally {
            sandbox.setAutoApprove(false);
        }
    }
}
