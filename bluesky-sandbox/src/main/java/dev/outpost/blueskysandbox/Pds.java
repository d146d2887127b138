package dev.outpost.blueskysandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

/**
 * The PDS's XRPC methods: accounts and app passwords, sessions (access tokens that expire, refresh tokens that rotate
 * with a grace period and that {@code deleteSession} revokes), service tokens, handles, blobs and records. Token
 * errors are answered as the real server does: a 400 {@code ExpiredToken} or {@code InvalidToken}, a 401
 * {@code AuthMissing}.
 */
final class Pds {
    private static final long REFRESH_LIFE_SECONDS = 90L * 24 * 3600;

    private final BlueskySandbox sandbox;
    private final SandboxState state;
    private final Jwts jwts;

    Pds(BlueskySandbox sandbox, SandboxState state, Jwts jwts) {
        this.sandbox = sandbox;
        this.state = state;
        this.jwts = jwts;
    }

    void register(Map<String, BlueskySandbox.Handler> queries, Map<String, BlueskySandbox.Handler> procedures) {
        procedures.put("com.atproto.server.createAccount", this::createAccount);
        procedures.put("com.atproto.server.createAppPassword", this::createAppPassword);
        procedures.put("com.atproto.server.createSession", this::createSession);
        procedures.put("com.atproto.server.refreshSession", this::refreshSession);
        procedures.put("com.atproto.server.deleteSession", this::deleteSession);
        queries.put("com.atproto.server.getSession", this::getSession);
        queries.put("com.atproto.server.getServiceAuth", this::getServiceAuth);
        queries.put("com.atproto.identity.resolveHandle", this::resolveHandle);
        procedures.put("com.atproto.repo.uploadBlob", this::uploadBlob);
        procedures.put("com.atproto.repo.putRecord", ctx -> writeRecord(ctx, false));
        procedures.put("com.atproto.repo.createRecord", ctx -> writeRecord(ctx, true));
        queries.put("com.atproto.repo.getRecord", this::getRecord);
        queries.put("com.atproto.repo.listRecords", this::listRecords);
    }

    // ---- accounts and sessions

    private JsonNode createAccount(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String handle = body.path("handle").asText("");
        if (!handle.endsWith(".test") || handle.length() < 6) {
            throw new XrpcError(400, "InvalidHandle", "Handle must be a .test domain here");
        }
        SandboxState.Account account = state.createAccount(handle, body.path("email").asText(handle + "@x.test"),
                body.path("password").asText(""));
        return session(account, state.newSession(account.did(), false), true);
    }

    private JsonNode createAppPassword(Context ctx) throws IOException {
        String did = accessDid(ctx);
        String name = body(ctx).path("name").asText("outpost");
        return Jwts.JSON.createObjectNode().put("name", name).put("password", state.createAppPassword(did, name))
                .put("createdAt", sandbox.now().toString()).put("privileged", false);
    }

    private JsonNode createSession(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        var signedIn = state.signIn(body.path("identifier").asText(""), body.path("password").asText(""))
                .orElseThrow(() -> new XrpcError(401, "AuthenticationRequired", "Invalid identifier or password"));
        return session(signedIn.getKey(), state.newSession(signedIn.getKey().did(), signedIn.getValue()), true);
    }

    private JsonNode refreshSession(Context ctx) {
        JsonNode claims = claims(ctx);
        if (!"com.atproto.refresh".equals(claims.path("scope").asText())) {
            throw new XrpcError(400, "InvalidToken", "Invalid token type");
        }
        Instant now = sandbox.now();
        if (claims.path("exp").asLong() <= now.getEpochSecond()) {
            throw new XrpcError(400, "ExpiredToken", "Token has expired");
        }
        synchronized (state) {
            SandboxState.Session session = state.sessions.get(claims.path("jti").asText(""));
            if (session == null || session.revoked) {
                throw new XrpcError(400, "ExpiredToken", "Token has been revoked");
            }
            SandboxState.Session next;
            if (session.next != null) {
                // Used again after it rotated: within the grace period it gives the session it rotated to.
                if (now.isAfter(session.rotatedAt.plus(sandbox.config().refreshGrace()))) {
                    throw new XrpcError(400, "ExpiredToken", "Token has been revoked");
                }
                next = state.sessions.get(session.next);
                if (next == null || next.revoked) {
                    throw new XrpcError(400, "ExpiredToken", "Token has been revoked");
                }
            } else {
                next = state.newSession(session.did, session.appPassword);
                session.next = next.jti;
                session.rotatedAt = now;
            }
            return session(state.accounts.get(session.did), next, true);
        }
    }

    private JsonNode deleteSession(Context ctx) {
        JsonNode claims = claims(ctx);
        if (!"com.atproto.refresh".equals(claims.path("scope").asText())) {
            throw new XrpcError(400, "InvalidToken", "Invalid token type");
        }
        synchronized (state) {
            // The whole chain: the token, and what it rotated to.
            String jti = claims.path("jti").asText("");
            while (jti != null && state.sessions.containsKey(jti)) {
                SandboxState.Session session = state.sessions.get(jti);
                session.revoked = true;
                jti = session.next;
            }
        }
        return null;
    }

    private JsonNode getSession(Context ctx) {
        SandboxState.Account account = state.accounts.get(accessDid(ctx));
        return Jwts.JSON.createObjectNode().put("did", account.did()).put("handle", account.handle())
                .put("email", account.email()).put("emailConfirmed", false).put("active", true);
    }

    private JsonNode getServiceAuth(Context ctx) {
        String did = accessDid(ctx);
        String aud = ctx.queryParam("aud");
        if (aud == null || aud.isBlank()) {
            throw XrpcError.invalid("Error: Params must have the property \"aud\"");
        }
        long now = sandbox.now().getEpochSecond();
        String expParam = ctx.queryParam("exp");
        long exp = expParam == null ? now + 60 : Long.parseLong(expParam);
        if (exp > now + 3600) {
            throw new XrpcError(400, "BadExpiration", "expiration date must be within one hour");
        }
        ObjectNode claims = Jwts.JSON.createObjectNode().put("iat", now).put("iss", did).put("aud", aud)
                .put("exp", exp).put("jti", state.randomBase32(32));
        String lxm = ctx.queryParam("lxm");
        if (lxm != null) {
            claims.put("lxm", lxm);
        }
        return Jwts.JSON.createObjectNode().put("token", jwts.sign("JWT", claims));
    }

    private JsonNode resolveHandle(Context ctx) {
        String handle = ctx.queryParam("handle");
        return state.byHandle(handle == null ? "" : handle)
                .map(a -> (JsonNode) Jwts.JSON.createObjectNode().put("did", a.did()))
                .orElseThrow(() -> new XrpcError(400, "HandleNotFound", "Unable to resolve handle"));
    }

    // ---- blobs and records

    private JsonNode uploadBlob(Context ctx) throws IOException {
        String did = accessDid(ctx);
        try (InputStream body = ctx.bodyInputStream()) {
            SandboxState.Blob blob = state.storeBlob(did, body, ctx.header("Content-Type"),
                    sandbox.config().blobLimit());
            return Jwts.JSON.createObjectNode().set("blob", blobJson(blob));
        }
    }

    static ObjectNode blobJson(SandboxState.Blob blob) {
        ObjectNode node = Jwts.JSON.createObjectNode().put("$type", "blob");
        node.putObject("ref").put("$link", blob.cid());
        return node.put("mimeType", blob.mimeType()).put("size", blob.size());
    }

    private JsonNode writeRecord(Context ctx, boolean create) throws IOException {
        String did = accessDid(ctx);
        JsonNode body = body(ctx);
        String repo = body.path("repo").asText("");
        if (!repo.equals(did) && !state.accounts.get(did).handle().equalsIgnoreCase(repo)) {
            throw XrpcError.invalid("Invalid repo: the session's account does not match " + repo);
        }
        String collection = body.path("collection").asText("");
        String rkey = body.path("rkey").asText("");
        if (rkey.isEmpty()) {
            if (!create) {
                throw XrpcError.invalid("Error: Input must have the property \"rkey\"");
            }
            rkey = state.randomBase32(13);
        }
        JsonNode record = body.path("record");
        if (!record.isObject()) {
            throw XrpcError.invalid("Error: Input must have the property \"record\"");
        }
        boolean hasSwap = body.has("swapRecord");
        String swap = body.path("swapRecord").isTextual() ? body.get("swapRecord").asText() : null;
        boolean validate = !body.path("validate").isBoolean() || body.get("validate").asBoolean();
        var written = state.putRecord(did, collection, rkey, record, validate, hasSwap, swap, create);
        ObjectNode answer = Jwts.JSON.createObjectNode().put("uri", written.getKey().uri())
                .put("cid", written.getKey().cid());
        if (written.getValue()) {
            answer.putObject("commit").put("cid", Cids.dagCbor(written.getKey().uri().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8))).put("rev", state.randomBase32(13));
        }
        return answer.put("validationStatus", validate ? "valid" : "unknown");
    }

    private JsonNode getRecord(Context ctx) {
        String repo = did(ctx.queryParam("repo"));
        String collection = ctx.queryParam("collection");
        String rkey = ctx.queryParam("rkey");
        return state.record(repo, collection, rkey).map(r -> {
            ObjectNode node = Jwts.JSON.createObjectNode().put("uri", r.uri()).put("cid", r.cid());
            node.set("value", r.value());
            return (JsonNode) node;
        }).orElseThrow(() -> new XrpcError(400, "RecordNotFound", "Could not locate record: at://" + repo + "/"
                + collection + "/" + rkey));
    }

    private JsonNode listRecords(Context ctx) {
        ObjectNode answer = Jwts.JSON.createObjectNode();
        ArrayNode records = answer.putArray("records");
        for (SandboxState.StoredRecord r : state.list(did(ctx.queryParam("repo")), ctx.queryParam("collection"))) {
            ObjectNode node = records.addObject().put("uri", r.uri()).put("cid", r.cid());
            node.set("value", r.value());
        }
        return answer;
    }

    /** {@code com.atproto.sync.getBlob}: the bytes, once a record names the blob (before, it is temporary). */
    void getBlob(Context ctx) throws IOException {
        SandboxState.Blob blob;
        synchronized (state) {
            blob = state.blobs.get(ctx.queryParam("cid"));
        }
        if (blob == null || !blob.referenced() || !blob.did().equals(ctx.queryParam("did"))) {
            ctx.status(400).contentType("application/json").result("{\"error\":\"BlobNotFound\",\"message\":\"Blob "
                    + "not found\"}");
            return;
        }
        ctx.status(200).contentType(blob.mimeType()).result(Files.newInputStream(blob.file()));
    }

    /** A post's page, for the apps' sandbox mode: its text. */
    void postPage(Context ctx) {
        String did = did(ctx.pathParam("actor"));
        var record = state.record(did, Records.POST, ctx.pathParam("rkey"));
        if (record.isEmpty()) {
            ctx.status(404).result("no such post");
            return;
        }
        ctx.header("X-Content-Type-Options", "nosniff").contentType("text/plain; charset=utf-8")
                .result(record.get().value().path("text").asText());
    }

    /** The PLC directory's answer for a DID: its document. */
    void plcDocument(Context ctx) {
        SandboxState.Account account;
        synchronized (state) {
            account = state.accounts.get(ctx.pathParam("did"));
        }
        if (account == null) {
            ctx.status(404).contentType("application/json").result("{\"message\":\"DID not registered\"}");
            return;
        }
        ctx.contentType("application/json").result(state.didDoc(account, sandbox.baseUrl()).toString());
    }

    // ---- tokens

    /** The DID of the session whose access token the request carries, or the real server's refusal. */
    String accessDid(Context ctx) {
        JsonNode claims = claims(ctx);
        String scope = claims.path("scope").asText("");
        if (!scope.equals("com.atproto.access") && !scope.equals("com.atproto.appPass")) {
            throw new XrpcError(400, "InvalidToken", "Bad token scope");
        }
        Instant now = sandbox.now();
        long iat = claims.path("iat").asLong();
        if (claims.path("exp").asLong() <= now.getEpochSecond()
                || Instant.ofEpochSecond(iat).isBefore(sandbox.faults().tokensIssuedBeforeExpired())) {
            throw new XrpcError(400, "ExpiredToken", "Token has expired");
        }
        String did = claims.path("sub").asText("");
        if (!state.accounts.containsKey(did)) {
            throw new XrpcError(400, "InvalidToken", "Token could not be verified");
        }
        return did;
    }

    /** The verified claims of the request's bearer token. */
    JsonNode claims(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new XrpcError(401, "AuthMissing", "Authentication Required");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new XrpcError(400, "InvalidToken", "Unexpected authorization type");
        }
        JsonNode claims = jwts.verify(header.substring(7).strip());
        if (claims == null) {
            throw new XrpcError(400, "InvalidToken", "Token could not be verified");
        }
        return claims;
    }

    private ObjectNode session(SandboxState.Account account, SandboxState.Session session, boolean withDoc) {
        long now = sandbox.now().getEpochSecond();
        String aud = sandbox.serviceDid();
        ObjectNode access = Jwts.JSON.createObjectNode().put("scope", session.appPassword ? "com.atproto.appPass"
                : "com.atproto.access").put("aud", aud).put("sub", account.did()).put("iat", now)
                .put("exp", now + sandbox.config().accessTtl().toSeconds());
        ObjectNode refresh = Jwts.JSON.createObjectNode().put("scope", "com.atproto.refresh").put("aud", aud)
                .put("sub", account.did()).put("jti", session.jti).put("iat", now).put("exp",
                        now + REFRESH_LIFE_SECONDS);
        ObjectNode out = Jwts.JSON.createObjectNode().put("accessJwt", jwts.sign("at+jwt", access))
                .put("refreshJwt", jwts.sign("refresh+jwt", refresh)).put("handle", account.handle())
                .put("did", account.did());
        if (withDoc) {
            out.set("didDoc", state.didDoc(account, sandbox.baseUrl()));
        }
        return out.put("email", account.email()).put("emailConfirmed", false).put("active", true);
    }

    private String did(String repo) {
        if (repo == null) {
            throw XrpcError.invalid("Error: Params must have the property \"repo\"");
        }
        return repo.startsWith("did:") ? repo : state.byHandle(repo).map(SandboxState.Account::did).orElse(repo);
    }

    private static JsonNode body(Context ctx) throws IOException {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            return Jwts.JSON.createObjectNode();
        }
        try {
            return Jwts.JSON.readTree(bytes);
        } catch (IOException e) {
            throw XrpcError.invalid("Request body is not JSON");
        }
    }
}
