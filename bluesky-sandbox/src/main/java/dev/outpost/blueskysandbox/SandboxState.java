package dev.outpost.blueskysandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the sandbox's PDS and video service hold: accounts with their app passwords, sessions (a refresh token's
 * {@code jti} and what it rotated to), blobs spooled to disk, records by repository, collection and key, video jobs
 * and the daily quotas. Every method is synchronized: the sandbox serves one test at a time, correctly.
 */
final class SandboxState {
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private final SecureRandom random = new SecureRandom();
    private final Path spool;

    record Account(String did, String handle, String email, String password, Map<String, String> appPasswords) {
    }

    /** A refresh token's session: revoked, or rotated at {@code rotatedAt} to {@code next}. */
    static final class Session {
        final String jti;
        final String did;
        final boolean appPassword;
        String next;
        Instant rotatedAt;
        boolean revoked;

        Session(String jti, String did, boolean appPassword) {
            this.jti = jti;
            this.did = did;
            this.appPassword = appPassword;
        }
    }

    record Blob(String cid, String did, String mimeType, long size, Path file, boolean referenced) {
        Blob referencedNow() {
            return new Blob(cid, did, mimeType, size, file, true);
        }
    }

    record StoredRecord(String uri, String cid, JsonNode value) {
    }

    /** A video job; its state follows from the clock, unless it was set to fail. */
    static final class Job {
        final String id;
        final String did;
        final String sha256;
        final Path file;
        final long size;
        final Instant created;
        final String failure;
        String blobCid;

        Job(String id, String did, String sha256, Path file, long size, Instant created, String failure) {
            this.id = id;
            this.did = did;
            this.sha256 = sha256;
            this.file = file;
            this.size = size;
            this.created = created;
            this.failure = failure;
        }
    }

    final Map<String, Account> accounts = new LinkedHashMap<>();
    final Map<String, Session> sessions = new HashMap<>();
    final Map<String, Blob> blobs = new HashMap<>();
    final Map<String, StoredRecord> records = new LinkedHashMap<>();
    final Map<String, Job> jobs = new LinkedHashMap<>();
    /** Per DID and day: videos and bytes the video service took. */
    final Map<String, long[]> videoUse = new HashMap<>();

    SandboxState(Path spool) {
        this.spool = spool;
    }

    synchronized Account createAccount(String handle, String email, String password) {
        if (accounts.values().stream().anyMatch(a -> a.handle().equalsIgnoreCase(handle))) {
            throw XrpcError.invalid("Handle already taken: " + handle);
        }
        String did = "did:plc:" + randomBase32(24);
        Account account = new Account(did, handle.toLowerCase(java.util.Locale.ROOT), email, password,
                new LinkedHashMap<>());
        accounts.put(did, account);
        return account;
    }

    synchronized String createAppPassword(String did, String name) {
        String password = randomBase32(4) + "-" + randomBase32(4) + "-" + randomBase32(4) + "-" + randomBase32(4);
        accounts.get(did).appPasswords().put(name, password);
        return password;
    }

    /** The account an identifier (handle, DID or email) and password sign in to, and whether by app password. */
    synchronized Optional<Map.Entry<Account, Boolean>> signIn(String identifier, String password) {
        for (Account a : accounts.values()) {
            if (a.did().equals(identifier) || a.handle().equalsIgnoreCase(identifier)
                    || a.email().equalsIgnoreCase(identifier)) {
                if (a.password().equals(password)) {
                    return Optional.of(Map.entry(a, false));
                }
                if (a.appPasswords().containsValue(password)) {
                    return Optional.of(Map.entry(a, true));
                }
            }
        }
        return Optional.empty();
    }

    synchronized Optional<Account> byHandle(String handle) {
        return accounts.values().stream().filter(a -> a.handle().equalsIgnoreCase(handle)).findFirst();
    }

    synchronized Session newSession(String did, boolean appPassword) {
        Session session = new Session(randomBase32(32), did, appPassword);
        sessions.put(session.jti, session);
        return session;
    }

    /** Stores a body as a blob of {@code did}, refusing it (413) once it passes {@code limit} bytes. */
    Blob storeBlob(String did, InputStream body, String declaredType, long limit) {
        Spooled spooled = spool(body, limit);
        synchronized (this) {
            String cid = Cids.raw(spooled.sha256);
            String type = sniff(spooled.file).orElse(declaredType == null || declaredType.isBlank()
                    ? "application/octet-stream" : declaredType);
            Blob before = blobs.get(cid);
            Blob blob = new Blob(cid, did, type, spooled.size, spooled.file, before != null && before.referenced()
                    && before.did().equals(did));
            blobs.put(cid, blob);
            return blob;
        }
    }

    record Spooled(Path file, long size, byte[] sha256) {
    }

    Spooled spool(InputStream body, long limit) {
        try {
            Path file = Files.createTempFile(spool, "upload-", ".bin");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = body.read(buffer)) > 0) {
                    size += n;
                    if (size > limit) {
                        Files.deleteIfExists(file);
                        throw new XrpcError(413, "PayloadTooLarge", "request entity too large");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return new Spooled(file, size, sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a record. {@code swap}: absent (replace whatever is there), null (only if none is there: the same record
     * again is no change, another is {@code InvalidSwap}), or the content id the current record must have.
     *
     * @param create createRecord's rule: a key already taken is an opaque 500
     */
    synchronized Map.Entry<StoredRecord, Boolean> putRecord(String did, String collection, String rkey, JsonNode value,
            boolean validate, boolean hasSwap, String swap, boolean create) {
        String uri = "at://" + did + "/" + collection + "/" + rkey;
        if (validate && collection.equals(Records.POST)) {
            Records.validatePost(value);
        }
        List<String> cids = Records.blobCids(value);
        for (String cid : cids) {
            Blob blob = blobs.get(cid);
            if (blob == null || !blob.did().equals(did)) {
                throw new XrpcError(400, "BlobNotFound", "Could not find blob: " + cid);
            }
        }
        String cid = Cids.dagCbor(value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StoredRecord before = records.get(uri);
        if (create && before != null) {
            throw new XrpcError(500, "InternalServerError", "Internal Server Error");
        }
        if (hasSwap && before != null && (swap == null || !swap.equals(before.cid()))) {
            if (swap == null && before.cid().equals(cid)) {
                return Map.entry(before, false);
            }
            throw new XrpcError(400, "InvalidSwap", "Record was at " + before.cid());
        }
        if (hasSwap && swap != null && before == null) {
            throw new XrpcError(400, "InvalidSwap", "Record was at null");
        }
        for (String blobCid : cids) {
            blobs.put(blobCid, blobs.get(blobCid).referencedNow());
        }
        StoredRecord stored = new StoredRecord(uri, cid, value);
        records.put(uri, stored);
        return Map.entry(stored, true);
    }

    synchronized Optional<StoredRecord> record(String did, String collection, String rkey) {
        return Optional.ofNullable(records.get("at://" + did + "/" + collection + "/" + rkey));
    }

    synchronized List<StoredRecord> list(String did, String collection) {
        String prefix = "at://" + did + "/" + collection + "/";
        List<StoredRecord> out = new ArrayList<>();
        records.values().stream().filter(r -> r.uri().startsWith(prefix)).forEach(out::add);
        java.util.Collections.reverse(out);
        return out;
    }

    synchronized long[] videoUse(String did, Instant now) {
        return videoUse.computeIfAbsent(did + "@" + LocalDate.ofInstant(now, ZoneOffset.UTC), k -> new long[2]);
    }

    synchronized String newJobId() {
        return randomBase32(16);
    }

    String randomBase32(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(BASE32.charAt(random.nextInt(32)));
        }
        return out.toString();
    }

    ObjectNode didDoc(Account account, String pdsUrl) {
        ObjectNode doc = Jwts.JSON.createObjectNode();
        doc.putArray("@context").add("https://www.w3.org/ns/did/v1");
        doc.put("id", account.did());
        doc.putArray("alsoKnownAs").add("at://" + account.handle());
        doc.putArray("service").addObject().put("id", "#atproto_pds").put("type", "AtprotoPersonalDataServer")
                .put("serviceEndpoint", pdsUrl);
        return doc;
    }

    /** The type the content shows (PNG, JPEG, GIF, WebP, MP4), as the PDS sniffs it. */
    private static Optional<String> sniff(Path file) {
        byte[] head = new byte[12];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 12);
            if (n < 12) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if ((head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return Optional.of("image/png");
        }
        if ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (head[0] == 'G' && head[1] == 'I' && head[2] == 'F') {
            return Optional.of("image/gif");
        }
        if (head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F' && head[8] == 'W') {
            return Optional.of("image/webp");
        }
        if (head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
            return Optional.of("video/mp4");
        }
        return Optional.empty();
    }
}
