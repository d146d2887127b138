package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wrong admin passwords over real HTTP: the form and Basic credentials are slowed down alike. */
class SignInThrottlingTest {
    @Test
    void wrongPasswordsInARowMustWaitAndTheRightOneWaitsToo() throws Exception {
        try (OutpostWeb app = TestApp.start(TestApp.freshHome("throttling"), Map.of())) {
            WebClient browser = new WebClient(app.baseUrl());
            browser.get("/login");
            for (int i = 1; i <= 2; i++) {
                HttpResponse<String> wrong = browser.postForm("/login", Map.of("password", "guess " + i, "_csrf",
                        browser.csrf()));
                assertThat(wrong.statusCode()).isEqualTo(401);
                assertThat(wrong.body()).contains("not the admin password").doesNotContain("wait");
            }
            HttpResponse<String> third = browser.postForm("/login", Map.of("password", "guess 3", "_csrf",
                    browser.csrf()));
            assertThat(third.statusCode()).isEqualTo(401);
            assertThat(third.body()).contains("not the admin password").contains("wait 1 second");

            HttpResponse<String> right = browser.postForm("/login", Map.of("password", TestApp.PASSWORD, "_csrf",
                    browser.csrf()));
            assertThat(right.statusCode()).as("even the right password waits").isEqualTo(429);
            assertThat(right.body()).contains("Too many wrong passwords in a row");
            HttpResponse<String> basic = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD).get("/api/accounts");
            assertThat(basic.statusCode()).isEqualTo(429);

            Thread.sleep(1100);
            HttpResponse<String> afterTheWait = browser.postForm("/login", Map.of("password", TestApp.PASSWORD,
                    "_csrf", browser.csrf()));
            assertThat(afterTheWait.statusCode()).isEqualTo(302);
            assertThat(new WebClient(app.baseUrl()).basic("still wrong").get("/api/accounts").statusCode())
                    .as("counted afresh after the right password").isEqualTo(401);
        }
    }
}
