package dev.outpost.mastodonsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthFlowTest extends SandboxTestBase {
    static final String REDIRECT = "http://127.0.0.1:8765/callback";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String SCOPES = "write:media write:statuses read:accounts";

    @Test
    void discoveryNamesTheEndpointsAndOffersS256() {
        JsonNode meta = http.get("/.well-known/oauth-authorization-server", null).json();

        assertThat(meta.get("authorization_endpoint").asText()).isEqualTo(sandbox.baseUrl() + "/oauth/authorize");
        assertThat(meta.get("token_endpoint").asText()).isEqualTo(sandbox.baseUrl() + "/oauth/token");
        assertThat(meta.get("app_registration_endpoint").asText()).isEqualTo(sandbox.baseUrl() + "/api/v1/apps");
        assertThat(meta.get("revocation_endpoint").asText()).isEqualTo(sandbox.baseUrl() + "/oauth/revoke");
        assertThat(meta.get("code_challenge_methods_supported")).extracting(JsonNode::asText).containsExactly("S256");
    }

    @Test
    void theWholeFlowGivesATokenThatWorksUntilRevoked() {
        JsonNode app = register();
        assertThat(app.get("client_id").asText()).isNotBlank();
        assertThat(app.get("scopes")).extracting(JsonNode::asText).containsExactly("write:media", "write:statuses",
                "read:accounts");

        Http.Answer page = http.get(authorizeUrl(app, "state-1"), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Outpost test", "Authorize", SCOPES);

        Map<String, String> callback = decide(app, "state-1", "approve");
        assertThat(callback).containsEntry("state", "state-1").containsKey("code");
        JsonNode token = exchange(app, callback.get("code"), VERIFIER);
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.get("scope").asText()).isEqualTo(SCOPES);
        assertThat(token.has("refresh_token")).isFalse();
        assertThat(token.has("expires_in")).isFalse();
        String access = token.get("access_token").asText();

        JsonNode me = http.get("/api/v1/accounts/verify_credentials", access).json();
        assertThat(me.get("id").asText()).isEqualTo(SandboxUser.DEFAULT.id());
        assertThat(me.get("username").asText()).isEqualTo("alice");

        Http.Answer revoked = http.postJson("/oauth/revoke", null, Map.of("client_id", app.get("client_id").asText(),
                "client_secret", app.get("client_secret").asText(), "token", access));
        assertThat(revoked.status()).isEqualTo(200);
        Http.Answer refused = http.get("/api/v1/accounts/verify_credentials", access);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asText()).isEqualTo("The access token was revoked");
        assertThat(http.postJson("/oauth/revoke", null, Map.of("client_id", app.get("client_id").asText(),
                "client_secret", app.get("client_secret").asText(), "token", access)).status()).isEqualTo(200);
    }

    @Test
    void aCodeNeedsItsVerifierAndWorksOnce() {
        JsonNode app = register();
        String code = decide(app, "s", "approve").get("code");

        Http.Answer wrong = http.postJson("/oauth/token", null, tokenRequest(app, code, VERIFIER.replace('d', 'e')));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_grant");

        String second = decide(app, "s", "approve").get("code");
        assertThat(exchange(app, second, VERIFIER).get("access_token").asText()).isNotBlank();
        Http.Answer again = http.postJson("/oauth/token", null, tokenRequest(app, second, VERIFIER));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("error_description").asText()).contains("invalid");
    }

    @Test
    void aWrongClientSecretIsInvalidClient() {
        JsonNode app = register();
        String code = decide(app, "s", "approve").get("code");
        Map<String, Object> request = new LinkedHashMap<>(tokenRequest(app, code, VERIFIER));
        request.put("client_secret", "not-the-secret");

        Http.Answer answer = http.postJson("/oauth/token", null, request);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void denyingRedirectsWithAccessDenied() {
        JsonNode app = register();

        assertThat(decide(app, "s2", "deny")).containsEntry("error", "access_denied").containsEntry("state", "s2")
                .doesNotContainKey("code");
    }

    @Test
    void aScopeTheAppDidNotRegisterIsRefused() {
        JsonNode app = register();
        String url = authorizeUrl(app, "s3").replace(URLEncoder.encode(SCOPES, StandardCharsets.UTF_8), "read");

        Http.Answer answer = http.get(url, null);

        assertThat(answer.status()).isEqualTo(302);
        assertThat(query(URI.create(answer.header("Location")))).containsEntry("error", "invalid_scope");
    }

    @Test
    void anUnregisteredRedirectUriGetsAnErrorPage() {
        JsonNode app = register();
        String url = authorizeUrl(app, "s").replace(URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8),
                URLEncoder.encode("http://evil.invalid/cb", StandardCharsets.UTF_8));

        Http.Answer answer = http.get(url, null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Location")).isNull();
        assertThat(answer.body()).contains("redirect uri included is not valid");
    }

    @Test
    void autoApproveSkipsTheConsentPage() {
        sandbox.autoApprove(true);
        JsonNode app = register();

        Http.Answer answer = http.get(authorizeUrl(app, "s4"), null);

        assertThat(answer.status()).isEqualTo(302);
        assertThat(query(URI.create(answer.header("Location")))).containsKey("code").containsEntry("state", "s4");
    }

    @Test
    void aTokenWithoutReadAccountsCannotVerifyCredentials() {
        String token = sandbox.issueToken(SandboxUser.DEFAULT.id(), java.util.Set.of("write:statuses"));

        Http.Answer answer = http.get("/api/v1/accounts/verify_credentials", token);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("error").asText()).isEqualTo("This action is outside the authorized scopes");
    }

    @Test
    void registrationAcceptsAFormToo() {
        checkRequests = false; // the description lists JSON only; Rails takes forms as well
        Http.Answer answer = http.postForm("/api/v1/apps", null, "client_name=Form+app&redirect_uris="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scopes=read");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("redirect_uris")).extracting(JsonNode::asText).containsExactly(REDIRECT);
    }

    // ---- helpers

    JsonNode register() {
        Http.Answer answer = http.postJson("/api/v1/apps", null, Map.of("client_name", "Outpost test",
                "redirect_uris", List.of(REDIRECT), "scopes", SCOPES, "website", "https://outpost.example"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    String authorizeUrl(JsonNode app, String state) {
        return "/oauth/authorize?response_type=code&client_id=" + app.get("client_id").asText() + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope="
                + URLEncoder.encode(SCOPES, StandardCharsets.UTF_8) + "&state=" + state + "&code_challenge="
                + OAuthRoutes.s256(VERIFIER) + "&code_challenge_method=S256";
    }

    /** What the consent form posts, and where the browser is sent back. */
    Map<String, String> decide(JsonNode app, String state, String decision) {
        String url = authorizeUrl(app, state);
        String form = url.substring(url.indexOf('?') + 1) + "&decision=" + decision;
        Http.Answer answer = http.postForm("/oauth/authorize", null, form);
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        String location = answer.header("Location");
        assertThat(location).startsWith(REDIRECT + "?");
        return query(URI.create(location));
    }

    Map<String, Object> tokenRequest(JsonNode app, String code, String verifier) {
        return Map.of("grant_type", "authorization_code", "code", code, "client_id", app.get("client_id").asText(),
                "client_secret", app.get("client_secret").asText(), "redirect_uri", REDIRECT,
                "code_verifier", verifier);
    }

    JsonNode exchange(JsonNode app, String code, String verifier) {
        Http.Answer answer = http.postJson("/oauth/token", null, tokenRequest(app, code, verifier));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
