package dev.outpost.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Outpost relies on at the wire, asked of a Bluesky server directly: statuses and error NAMES of token failures,
 * sessions that rotate with a grace period, records under a chosen key with swaps, blobs served once referenced. One
 * suite, run against the real PDS and against the sandbox: where they disagree, the sandbox is wrong.
 */
abstract class XrpcFidelityContract {
    private BlueskyServer.TestAccount account;
    private Wire wire;
    private JsonNode session;

    abstract BlueskyServer server();

    @BeforeEach
    void signIn() {
        account = server().createAccount("wire");
        wire = new Wire(server().url());
        session = wire.post("com.atproto.server.createSession", null, Map.of("identifier", account.handle(),
                "password", account.appPassword()));
    }

    @Test
    void anAppPasswordSessionCarriesItsAccountAndAnExpiringAccessJwt() {
        assertThat(session.path("did").asText()).isEqualTo(account.did());
        assertThat(session.path("handle").asText()).isEqualTo(account.handle());
        JsonNode claims = Jwt.claims(session.path("accessJwt").asText());
        assertThat(claims.path("scope").asText()).isEqualTo("com.atproto.appPass");
        assertThat(claims.path("sub").asText()).isEqualTo(account.did());
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(7200);
    }

    @Test
    void aWrongPasswordIs401AuthenticationRequired() {
        Wire.Answer answer = wire.postAnswer("com.atproto.server.createSession", null, Map.of("identifier",
                account.handle(), "password", "wxyz-wxyz-wxyz-wxyz"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo("AuthenticationRequired");
    }

    @Test
    void tokenFailuresAreNamedNotStatused() {
        String access = session.path("accessJwt").asText();

        assertError(wire.getAnswer("com.atproto.server.getSession", server().expiredCopyOf(access), Map.of()), 400,
                "ExpiredToken");
        assertError(wire.getAnswer("com.atproto.server.getSession", TestJwts.forged(access), Map.of()), 400,
                "InvalidToken");
        assertError(wire.getAnswer("com.atproto.server.getSession", null, Map.of()), 401, "AuthMissing");
        assertError(wire.postAnswer("com.atproto.server.refreshSession", access, null), 400, "InvalidToken");
    }

    @Test
    void refreshRotatesTheOldTokenWorksInItsGraceAndDeleteSessionRevokesIt() {
        String refresh = session.path("refreshJwt").asText();
        JsonNode next = wire.post("com.atproto.server.refreshSession", refresh, null);
        JsonNode again = wire.post("com.atproto.server.refreshSession", refresh, null);

        assertThat(next.path("refreshJwt").asText()).isNotEqualTo(refresh);
        assertThat(Jwt.claims(again.path("refreshJwt").asText()).path("jti").asText())
                .isEqualTo(Jwt.claims(next.path("refreshJwt").asText()).path("jti").asText());
        wire.post("com.atproto.server.deleteSession", next.path("refreshJwt").asText(), null);
        Wire.Answer revoked = wire.postAnswer("com.atproto.server.refreshSession", next.path("refreshJwt").asText(),
                null);
        assertError(revoked, 400, "ExpiredToken");
        assertThat(revoked.body().path("message").asText()).isEqualTo("Token has been revoked");
    }

    @Test
    void putRecordWithANullSwapWritesOnceAndCreateRecordTwiceIsAnOpaque500() {
        String access = session.path("accessJwt").asText();
        String rkey = new Tid().next(Instant.now(), new java.util.Random());
        Map<String, Object> record = post("first", "2026-01-01T00:00:00.000Z");

        Wire.Answer first = wire.postAnswer("com.atproto.repo.putRecord", access, put(rkey, record));
        Wire.Answer same = wire.postAnswer("com.atproto.repo.putRecord", access, put(rkey, record));
        Wire.Answer other = wire.postAnswer("com.atproto.repo.putRecord", access, put(rkey, post("first",
                "2026-01-01T00:00:01.000Z")));
        Map<String, Object> create = new HashMap<>(Map.of("repo", account.did(), "collection", "app.bsky.feed.post",
                "rkey", rkey, "record", record));
        Wire.Answer created = wire.postAnswer("com.atproto.repo.createRecord", access, create);

        assertThat(first.status()).isEqualTo(200);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.body().path("cid").asText()).isEqualTo(first.body().path("cid").asText());
        assertError(other, 400, "InvalidSwap");
        assertThat(other.body().path("message").asText()).isEqualTo("Record was at " + first.body().path("cid")
                .asText());
        assertError(created, 500, "InternalServerError");
        assertError(wire.getAnswer("com.atproto.repo.getRecord", null, Map.of("repo", account.did(), "collection",
                "app.bsky.feed.post", "rkey", rkey + "x")), 400, "RecordNotFound");
    }

    @Test
    void theLexiconRefusesWhatThePluginChecksFirst() {
        String access = session.path("accessJwt").asText();

        assertError(wire.postAnswer("com.atproto.repo.createRecord", access, Map.of("repo", account.did(),
                "collection", "app.bsky.feed.post", "record", post("é".repeat(301), "2026-01-01T00:00:00Z"))), 400,
                "InvalidRequest");
        assertThat(wire.postAnswer("com.atproto.repo.createRecord", access, Map.of("repo", account.did(),
                "collection", "app.bsky.feed.post", "record", post("🇫🇷".repeat(300), "2026-01-01T00:00:00Z")))
                .status()).isEqualTo(200);
        Map<String, Object> ghost = new HashMap<>(post("ghost", "2026-01-01T00:00:00Z"));
        ghost.put("embed", Map.of("$type", "app.bsky.embed.images", "images", java.util.List.of(Map.of("alt", "",
                "image", Map.of("$type", "blob", "ref", Map.of("$link", "bafkreia4a2zll4ryfprdhxrp3zguu4wlfq62abo7"
                        + "uvpjgzwlmsjtygpcoi"), "mimeType", "image/png", "size", 108)))));
        assertError(wire.postAnswer("com.atproto.repo.createRecord", access, Map.of("repo", account.did(),
                "collection", "app.bsky.feed.post", "record", ghost)), 400, "BlobNotFound");
    }

    @Test
    void aBlobIsSniffedCappedAndServedOnlyOnceARecordNamesIt() throws Exception {
        String access = session.path("accessJwt").asText();
        byte[] png = java.nio.file.Files.readAllBytes(dev.outpost.ports.platform.TestMedia.png(
                java.nio.file.Files.createTempDirectory("fidelity"), "x.png", 8, 8).path());

        Wire.Answer uploaded = wire.upload("com.atproto.repo.uploadBlob", access, "application/octet-stream", png,
                Map.of());
        JsonNode blob = uploaded.body().path("blob");
        String cid = blob.path("ref").path("$link").asText();

        assertThat(uploaded.status()).isEqualTo(200);
        assertThat(cid).startsWith("bafkrei");
        assertThat(blob.path("mimeType").asText()).isEqualTo("image/png");
        assertThat(blob.path("size").asInt()).isEqualTo(png.length);
        assertThat(wire.getAnswer("com.atproto.sync.getBlob", null, Map.of("did", account.did(), "cid", cid))
                .status()).isEqualTo(400);
        assertError(wire.upload("com.atproto.repo.uploadBlob", access, "video/mp4", new byte[5_242_881], Map.of()),
                413, "PayloadTooLarge");
    }

    @Test
    void serviceAuthIsAShortLivedTokenForOneAudienceAndMethod() {
        String access = session.path("accessJwt").asText();
        long exp = Instant.now().getEpochSecond() + 1800;

        JsonNode token = wire.get("com.atproto.server.getServiceAuth", access, Map.of("aud", "did:web:video.test",
                "lxm", "com.atproto.repo.uploadBlob", "exp", Long.toString(exp)));

        JsonNode claims = Jwt.claims(token.path("token").asText());
        assertThat(claims.path("iss").asText()).isEqualTo(account.did());
        assertThat(claims.path("aud").asText()).isEqualTo("did:web:video.test");
        assertThat(claims.path("lxm").asText()).isEqualTo("com.atproto.repo.uploadBlob");
        assertThat(claims.path("exp").asLong()).isEqualTo(exp);
        assertThat(wire.get("com.atproto.identity.resolveHandle", null, Map.of("handle", account.handle()))
                .path("did").asText()).isEqualTo(account.did());
        assertError(wire.getAnswer("com.atproto.identity.resolveHandle", null, Map.of("handle", "nobody.test")),
                400, "HandleNotFound");
    }

    private Map<String, Object> put(String rkey, Map<String, Object> record) {
        Map<String, Object> body = new HashMap<>(Map.of("repo", account.did(), "collection", "app.bsky.feed.post",
                "rkey", rkey, "record", record));
        body.put("swapRecord", null);
        return body;
    }

    private static Map<String, Object> post(String text, String createdAt) {
        return Map.of("$type", "app.bsky.feed.post", "text", text, "createdAt", createdAt);
    }

    private static void assertError(Wire.Answer answer, int status, String name) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.error()).isEqualTo(name);
    }
}
