package dev.outpost.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.application.OutpostException;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoopbackCallbackTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theCallbackCompletesOnceAndTellsTheBrowser() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        try (LoopbackCallback callback = LoopbackCallback.listen(0, params -> {
            seen.set(params.get("state") + "|" + params.get("code") + "|" + params.get("error") + "|"
                    + params.size());
            return new Account(AccountId.of("x", "42"), "42", "ada", "Ada", AccountStatus.CONNECTED, Instant.EPOCH);
        })) {
            URI redirect = callback.redirectUri();
            assertThat(redirect.toString()).matches("http://127\\.0\\.0\\.1:\\d+/callback");
            HttpResponse<String> page = get(redirect + "?state=s%2B1&code=c0de");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Outpost may now post as @ada");
            assertThat(callback.await(Duration.ofSeconds(5)).handle()).isEqualTo("ada");
            assertThat(seen.get()).isEqualTo("s+1|c0de|null|2");
            assertThat(get(redirect + "?state=again&code=x").statusCode()).isEqualTo(410);
        }
    }

    @Test
    void aRefusedCallbackShowsWhyAndFailsTheWait() throws Exception {
        try (LoopbackCallback callback = LoopbackCallback.listen(0, params -> {
            throw OutpostException.invalid("consent", "the authorization was not granted (" + params.get("error")
                    + ")");
        })) {
            HttpResponse<String> page = get(callback.redirectUri() + "?state=s&error=access_denied");
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).contains("not granted (access_denied)");
            assertThatThrownBy(() -> callback.await(Duration.ofSeconds(5))).isInstanceOf(OutpostException.class)
                    .hasMessageContaining("not granted");
        }
    }

    @Test
    void aTakenPortIsBadInputNamingTheOption() throws Exception {
        try (LoopbackCallback first = LoopbackCallback.listen(0, params -> null)) {
            int taken = first.redirectUri().getPort();
            assertThatThrownBy(() -> LoopbackCallback.listen(taken, params -> null))
                    .isInstanceOfSatisfying(OutpostException.class, e -> assertThat(e.problems())
                            .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("--port")));
        }
    }

    private HttpResponse<String> get(String address) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(address)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
