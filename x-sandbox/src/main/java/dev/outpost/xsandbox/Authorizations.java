package dev.outpost.xsandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** X's OAuth 2.0 side: clients, users, consent requests, codes, access and refresh tokens. Thread-safe. */
final class Authorizations {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a token or code grants. */
    record Grant(String userId, String clientId, Set<String> scopes, Instant expiresAt) {
        boolean has(String scope) {
            return scopes.contains(scope);
        }
    }

    record Code(String clientId, String userId, String redirectUri, Set<String> scopes,
                String challenge, String challengeMethod, Instant expiresAt) {
    }

    /** An authorize request waiting for the user to click Authorize or Cancel. */
    record Consent(String clientId, String redirectUri, Set<String> scopes, String state,
                   String challenge, String challengeMethod) {
    }

    private record PendingConsent(Consent consent, Instant expiresAt) {
    }

    private final SandboxConfig config;
    private final Clock clock;
    final Map<String, SandboxClient> clients = new ConcurrentHashMap<>();
    final Map<String, SandboxUser> users = new ConcurrentHashMap<>();
    private final Map<String, PendingConsent> consents = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    final List<TokenEvent> events = new CopyOnWriteArrayList<>();

    Authorizations(SandboxConfig config) {
        this.config = config;
        this.clock = config.clock();
        reset();
    }

    void reset() {
        clients.clear();
        users.clear();
        consents.clear();
        codes.clear();
        accessTokens.clear();
        refreshTokens.clear();
        events.clear();
        clients.put(config.defaultClient().clientId(), config.defaultClient());
        users.put(config.defaultUser().id(), config.defaultUser());
    }

    /** A consent page stays answerable for 10 minutes; abandoned ones are swept so they cannot pile up. */
    String startConsent(Consent consent) {
        Instant now = clock.instant();
        consents.values().removeIf(p -> now.isAfter(p.expiresAt()));
        String id = randomToken(16);
        consents.put(id, new PendingConsent(consent, now.plusSeconds(600)));
        return id;
    }

    Optional<Consent> takeConsent(String id) {
        PendingConsent pending = id == null ? null : consents.remove(id);
        return pending == null || clock.instant().isAfter(pending.expiresAt()) ? Optional.empty() : Optional.of(pending.consent());
    }

    String issueCode(Consent consent, String userId) {
        String code = token("ac");
        codes.put(code, new Code(consent.clientId(), userId, consent.redirectUri(), consent.scopes(),
                consent.challenge(), consent.challengeMethod(), clock.instant().plus(config.authorizationCodeTtl())));
        return code;
    }

    /** Redeems a code: single use, within its lifetime, same client and redirect URI, PKCE verified. */
    TokenPair redeemCode(String clientId, String code, String redirectUri, String verifier) {
        if (code == null || code.isEmpty()) {
            throw ApiProblem.oauth(400, "invalid_request", "Missing required parameter [code].");
        }
        if (verifier == null || verifier.isEmpty()) {
            throw ApiProblem.oauth(400, "invalid_request", "Missing required parameter [code_verifier].");
        }
        Code granted = codes.remove(code);
        if (granted == null || clock.instant().isAfter(granted.expiresAt()) || !granted.clientId().equals(clientId)
                || !granted.redirectUri().equals(redirectUri) || !pkceMatches(granted, verifier)) {
            throw ApiProblem.oauth(400, "invalid_request", "Value passed for the authorization code was invalid.");
        }
        TokenPair pair = issue(clientId, granted.userId(), granted.scopes());
        events.add(event("issued", clientId, granted.userId(), null, pair.refreshToken()));
        return pair;
    }

    /** Rotates: the old refresh token stops working at once, a new pair comes back. */
    TokenPair refresh(String clientId, String refreshToken) {
        if (refreshToken == null || refreshToken.isEmpty()) {
            throw ApiProblem.oauth(400, "invalid_request", "Missing required parameter [refresh_token].");
        }
        Grant grant = refreshTokens.remove(refreshToken);
        if (grant == null || !grant.clientId().equals(clientId)) {
            if (grant != null) {
                refreshTokens.put(refreshToken, grant); // another client's token: leave it alone
            }
            events.add(event("reuse_rejected", clientId, grant == null ? null : grant.userId(), refreshToken, null));
            throw ApiProblem.oauth(400, config.reusedRefreshTokenError(), "Value passed for the token was invalid.");
        }
        TokenPair pair = issue(clientId, grant.userId(), grant.scopes());
        events.add(event("refreshed", clientId, grant.userId(), refreshToken, pair.refreshToken()));
        return pair;
    }

    /** Issues a pair directly, as if the user had consented: for tests and the admin API. */
    TokenPair issue(String clientId, String userId, Set<String> scopes) {
        String access = token("at");
        Instant expiresAt = clock.instant().plus(config.accessTokenTtl());
        accessTokens.put(access, new Grant(userId, clientId, Set.copyOf(scopes), expiresAt));
        String refresh = null;
        if (scopes.contains("offline.access")) {
            refresh = token("rt");
            refreshTokens.put(refresh, new Grant(userId, clientId, Set.copyOf(scopes), null));
        }
        return new TokenPair(access, refresh, config.accessTokenTtl().toSeconds(), String.join(" ", scopes));
    }

    TokenPair issueDirectly(String clientId, String userId, Set<String> scopes) {
        TokenPair pair = issue(clientId, userId, scopes);
        events.add(event("issued", clientId, userId, null, pair.refreshToken()));
        return pair;
    }

    Optional<Grant> authenticate(String accessToken) {
        Grant grant = accessToken == null ? null : accessTokens.get(accessToken);
        if (grant == null || !clock.instant().isBefore(grant.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    /** Revokes an access or refresh token of this client; unknown tokens are fine, as RFC 7009 asks. */
    void revoke(String clientId, String token) {
        Grant grant = accessTokens.get(token);
        if (grant != null && grant.clientId().equals(clientId)) {
            accessTokens.remove(token);
            events.add(event("revoked", clientId, grant.userId(), null, null));
            return;
        }
        grant = refreshTokens.get(token);
        if (grant != null && grant.clientId().equals(clientId)) {
            refreshTokens.remove(token);
            events.add(event("revoked", clientId, grant.userId(), token, null));
        }
    }

    long refreshTokensAlive() {
        return refreshTokens.size();
    }

    static Set<String> parseScopes(String scope) {
        Set<String> scopes = new LinkedHashSet<>();
        if (scope != null) {
            // '+' as well as space: xurl encodes spaces as '+' (FACTS §4)
            for (String s : scope.split("[ +]+")) {
                if (!s.isBlank()) {
                    scopes.add(s.trim());
                }
            }
        }
        return scopes;
    }

    static String fingerprint(String token) {
        return token == null ? null : HexFormat.of().formatHex(sha256(token.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
    }

    private TokenEvent event(String kind, String clientId, String userId, String oldRefresh, String newRefresh) {
        return new TokenEvent(clock.instant().toString(), kind, clientId, userId, fingerprint(oldRefresh), fingerprint(newRefresh));
    }

    private static boolean pkceMatches(Code code, String verifier) {
        String method = code.challengeMethod() == null ? "plain" : code.challengeMethod();
        // twitter-api-v2 sends "s256" in lower case (FACTS §4)
        String expected = method.equalsIgnoreCase("S256")
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier.getBytes(StandardCharsets.US_ASCII)))
                : verifier;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                code.challenge().getBytes(StandardCharsets.US_ASCII));
    }

    /** X's cosmetic format: base64url of {@code <random>:<epoch ms>:1:1:<kind>:1} (FACTS §4). */
    private String token(String kind) {
        String raw = randomToken(24) + ":" + clock.millis() + ":1:1:" + kind + ":1";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
