package dev.outpost.xsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthFlowTest {
    private static final String VERIFIER = "a-verifier-of-at-least-43-characters-0123456789abcdef";
    private static final String REDIRECT = SandboxConfig.DEFAULT_REDIRECT_URI;
    private static final String ID = SandboxConfig.DEFAULT_CLIENT_ID;
    private static final String SECRET = SandboxConfig.DEFAULT_CLIENT_SECRET;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private XSandbox sandbox;
    private SandboxHttp http;

    private void start(SandboxConfig.Builder config) {
        sandbox = XSandbox.start(config.clock(clock).build());
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void consentPageAuthorizeRedirectsBackWithStateAndCodeThatBuysTokens() {
        start(SandboxConfig.builder());
        HttpResponse<String> page = http.get(authorizePath("s256", "xyz+/="));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Authorize app", "Cancel", "media.write", ID);

        HttpResponse<String> redirect = decide(consentId(page.body()), "authorize");
        assertThat(redirect.statusCode()).isEqualTo(302);
        Map<String, String> back = query(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(back).containsEntry("state", "xyz+/=").containsKey("code");

        HttpResponse<String> token = http.postForm("/2/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", back.get("code"), "redirect_uri", REDIRECT, "code_verifier", VERIFIER), ID, SECRET);
        assertThat(token.statusCode()).isEqualTo(200);
        JsonNode body = SandboxHttp.json(token);
        assertThat(body.get("token_type").asText()).isEqualTo("bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(7200);
        assertThat(body.get("scope").asText().split(" ")).contains("media.write", "offline.access");
        assertThat(body.has("refresh_token")).isTrue();

        HttpResponse<String> me = http.withToken(body.get("access_token").asText()).get("/2/users/me");
        assertThat(SandboxHttp.json(me).at("/data/username").asText()).isEqualTo("outpost_sandbox");

        // single use
        HttpResponse<String> again = http.postForm("/2/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", back.get("code"), "redirect_uri", REDIRECT, "code_verifier", VERIFIER), ID, SECRET);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(again).get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void cancelRedirectsWithAccessDenied() {
        start(SandboxConfig.builder());
        HttpResponse<String> redirect = decide(consentId(http.get(authorizePath("S256", "st")).body()), "cancel");
        assertThat(query(redirect.headers().firstValue("Location").orElseThrow()))
                .containsEntry("error", "access_denied").containsEntry("state", "st").doesNotContainKey("code");
    }

    @Test
    void unregisteredRedirectUriIsRefusedWithoutRedirecting() {
        start(SandboxConfig.builder());
        HttpResponse<String> page = http.get("/i/oauth2/authorize?response_type=code&client_id=" + ID
                + "&redirect_uri=http%3A%2F%2Fevil.example%2Fcb&scope=tweet.read&state=s&code_challenge=c&code_challenge_method=plain");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void codesExpireAfterThirtySecondsAndNeedTheRightVerifier() {
        start(SandboxConfig.builder().autoApprove(true));
        String code = autoApprovedCode();
        HttpResponse<String> wrong = http.postForm("/2/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "code_verifier", VERIFIER + "x"), ID, SECRET);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(wrong).get("error_description").asText())
                .isEqualTo("Value passed for the authorization code was invalid.");

        String late = autoApprovedCode();
        clock.advance(Duration.ofSeconds(31));
        assertThat(http.postForm("/2/oauth2/token", Map.of("grant_type", "authorization_code", "code", late,
                "redirect_uri", REDIRECT, "code_verifier", VERIFIER), ID, SECRET).statusCode()).isEqualTo(400);

        HttpResponse<String> missing = http.postForm("/2/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", autoApprovedCode(), "redirect_uri", REDIRECT), ID, SECRET);
        assertThat(SandboxHttp.json(missing).get("error_description").asText())
                .isEqualTo("Missing required parameter [code_verifier].");
    }

    @Test
    void jsonBodiesWithBasicAuthAreAcceptedLikeTwitterApiV2SendsThem() {
        start(SandboxConfig.builder().autoApprove(true));
        String json = """
                {"code":"%s","grant_type":"authorization_code","code_verifier":"%s","redirect_uri":"%s","client_id":"%s","client_secret":"%s"}
                """.formatted(autoApprovedCode(), VERIFIER, REDIRECT, ID, SECRET);
        var request = http.request("/2/oauth2/token").header("Content-Type", "application/json;charset=UTF-8")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
        assertThat(http.send(request).statusCode()).isEqualTo(200);
    }

    @Test
    void confidentialClientWithoutBasicAuthIs401() {
        start(SandboxConfig.builder().autoApprove(true));
        HttpResponse<String> response = http.postForm("/2/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", autoApprovedCode(), "redirect_uri", REDIRECT, "code_verifier", VERIFIER, "client_id", ID), null, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(SandboxHttp.json(response).get("error").asText()).isEqualTo("unauthorized_client");
        assertThat(SandboxHttp.json(response).get("error_description").asText()).isEqualTo("Missing valid authorization header");
    }

    @Test
    void publicClientSendsClientIdInTheBodyAndPlainPkceWorks() {
        start(SandboxConfig.builder().autoApprove(true));
        sandbox.registerClient("public-app", null, "http://localhost:9000/cb");
        HttpResponse<String> redirect = http.get("/i/oauth2/authorize?response_type=code&client_id=public-app"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A9000%2Fcb&scope=tweet.read+users.read&state=s"
                + "&code_challenge=" + VERIFIER + "&code_challenge_method=plain");
        String code = query(redirect.headers().firstValue("Location").orElseThrow()).get("code");
        HttpResponse<String> token = http.postForm("/2/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", "http://localhost:9000/cb", "code_verifier", VERIFIER, "client_id", "public-app"), null, null);
        assertThat(token.statusCode()).isEqualTo(200);
        JsonNode body = SandboxHttp.json(token);
        assertThat(body.get("scope").asText()).isEqualTo("tweet.read users.read");
        assertThat(body.has("refresh_token")).as("no offline.access, no refresh token").isFalse();
    }

    @Test
    void refreshRotatesAndTheOldRefreshTokenFailsAtOnce() {
        start(SandboxConfig.builder());
        TokenPair first = sandbox.issueTokens();
        HttpResponse<String> rotated = refresh(first.refreshToken());
        assertThat(rotated.statusCode()).isEqualTo(200);
        String second = SandboxHttp.json(rotated).get("refresh_token").asText();
        assertThat(second).isNotEqualTo(first.refreshToken());

        HttpResponse<String> reused = refresh(first.refreshToken());
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(reused).get("error").asText()).isEqualTo("invalid_request");
        assertThat(SandboxHttp.json(reused).get("error_description").asText()).isEqualTo("Value passed for the token was invalid.");
        assertThat(refresh(second).statusCode()).isEqualTo(200);
        assertThat(sandbox.state().tokenRotations()).isEqualTo(2);
        assertThat(sandbox.stateJson()).doesNotContain(first.refreshToken(), second, first.accessToken());
    }

    @Test
    void reusedRefreshTokenErrorIsConfigurable() {
        start(SandboxConfig.builder().reusedRefreshTokenError("invalid_grant"));
        TokenPair first = sandbox.issueTokens();
        refresh(first.refreshToken());
        assertThat(SandboxHttp.json(refresh(first.refreshToken())).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void accessTokensExpireAfterTheConfiguredTtl() {
        start(SandboxConfig.builder().accessTokenTtl(Duration.ofMinutes(5)));
        TokenPair pair = sandbox.issueTokens();
        assertThat(pair.expiresInSeconds()).isEqualTo(300);
        http.withToken(pair.accessToken());
        assertThat(http.get("/2/users/me").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(5));
        HttpResponse<String> expired = http.get("/2/users/me");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(SandboxHttp.json(expired).get("title").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void revokedTokensStopWorking() {
        start(SandboxConfig.builder());
        TokenPair pair = sandbox.issueTokens();
        HttpResponse<String> revoked = http.postForm("/2/oauth2/revoke", Map.of("token", pair.accessToken(),
                "token_type_hint", "access_token"), ID, SECRET);
        assertThat(SandboxHttp.json(revoked).get("revoked").asBoolean()).isTrue();
        assertThat(http.withToken(pair.accessToken()).get("/2/users/me").statusCode()).isEqualTo(401);
        http.bearer = null;
        http.postForm("/2/oauth2/revoke", Map.of("token", pair.refreshToken()), ID, SECRET);
        assertThat(refresh(pair.refreshToken()).statusCode()).isEqualTo(400);
    }

    @Test
    void requestLogShowsTheSchemeButNeverTokensOrCodes() {
        start(SandboxConfig.builder().autoApprove(true));
        String code = autoApprovedCode();
        http.postForm("/2/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", VERIFIER), ID, SECRET);
        TokenPair pair = sandbox.issueTokens(sandbox.defaultUser().id(), Set.of("users.read", "tweet.read"));
        http.withToken(pair.accessToken()).get("/2/users/me");
        var log = sandbox.requests().all();
        assertThat(log).extracting(LoggedRequest::endpoint).containsExactly("authorize", "token", "users_me");
        assertThat(log.get(1).headers()).containsEntry("authorization", "Basic");
        assertThat(log.get(1).partNames()).contains("grant_type", "code", "code_verifier");
        assertThat(log.get(2).headers()).containsEntry("authorization", "Bearer");
        String everything = sandbox.stateJson();
        assertThat(everything).doesNotContain(code, pair.accessToken(), SECRET, VERIFIER);
    }

    private HttpResponse<String> refresh(String refreshToken) {
        return http.postForm("/2/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), ID, SECRET);
    }

    private String autoApprovedCode() {
        HttpResponse<String> redirect = http.get(authorizePath("S256", "s"));
        assertThat(redirect.statusCode()).isEqualTo(302);
        return query(redirect.headers().firstValue("Location").orElseThrow()).get("code");
    }

    private HttpResponse<String> decide(String consentId, String decision) {
        return http.postForm("/i/oauth2/authorize", Map.of("consent_id", consentId, "decision", decision), null, null);
    }

    private static String authorizePath(String method, String state) {
        return "/i/oauth2/authorize?response_type=code&client_id=" + ID + "&redirect_uri="
                + java.net.URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&scope=tweet.read%20tweet.write%20users.read%20media.write%20offline.access"
                + "&state=" + java.net.URLEncoder.encode(state, StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge() + "&code_challenge_method=" + method;
    }

    private static String challenge() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String consentId(String html) {
        Matcher m = Pattern.compile("name=\"consent_id\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("consent page has a consent_id").isTrue();
        return m.group(1);
    }

    static Map<String, String> query(String location) {
        Map<String, String> params = new HashMap<>();
        String query = URI.create(location).getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
