package dev.outpost.web;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The one admin password of the web UI: from configuration ({@code OUTPOST_WEB_PASSWORD}), or chosen on first run
 * and kept as a salted PBKDF2 hash in the data directory. Thread-safe.
 */
final class AdminPassword {
    static final int MIN_LENGTH = 12;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    private static final int ITERATIONS = 600_000;
    private static final int KEY_BITS = 256;

    private final Optional<String> configured;
    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private volatile Stored stored;
    /** SHA-256 of the last password that verified, so API calls with Basic auth do not pay PBKDF2 each time. */
    private volatile byte[] lastVerified;

    private record Stored(byte[] salt, int iterations, byte[] hash) {
    }

    AdminPassword(Optional<String> configured, Path file) {
        this.configured = configured;
        this.file = file;
        this.stored = configured.isPresent() ? null : read(file).orElse(null);
    }

    /** Whether a password exists; when not, the first visitor is asked to choose one. */
    boolean isSet() {
        return configured.isPresent() || stored != null;
    }

    boolean isConfigured() {
        return configured.isPresent();
    }

    /**
     * Chooses the password on first run.
     *
     * @throws IllegalStateException when one is already set
     * @throws IllegalArgumentException when it is too short
     */
    synchronized void choose(String password) {
        if (isSet()) {
            throw new IllegalStateException("the admin password is already set");
        }
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new IllegalArgumentException("choose a password of at least " + MIN_LENGTH + " characters");
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Stored next = new Stored(salt, ITERATIONS, pbkdf2(password, salt, ITERATIONS));
        write(next);
        stored = next;
    }

    boolean verify(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return false;
        }
        byte[] digest = sha256(candidate);
        byte[] cached = lastVerified;
        if (cached != null && MessageDigest.isEqual(cached, digest)) {
            return true;
        }
        boolean ok;
        if (configured.isPresent()) {
            ok = MessageDigest.isEqual(sha256(configured.get()), digest);
        } else {
            Stored current = stored;
            ok = current != null && MessageDigest.isEqual(current.hash(),
                    pbkdf2(candidate, current.salt(), current.iterations()));
        }
        if (ok) {
            lastVerified = digest;
        }
        return ok;
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static Optional<Stored> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
            if (!ALGORITHM.equals(p.getProperty("algorithm"))) {
                throw new IllegalStateException("the admin password file " + file + " names an unknown algorithm;"
                        + " delete it to choose a new password");
            }
            Base64.Decoder b64 = Base64.getDecoder();
            return Optional.of(new Stored(b64.decode(p.getProperty("salt")),
                    Integer.parseInt(p.getProperty("iterations")), b64.decode(p.getProperty("hash"))));
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw (IllegalStateException) e;
            }
            throw new IllegalStateException("cannot read the admin password file " + file + " (" + e.getClass()
                    .getSimpleName() + "); fix or delete it to choose a new password", e);
        }
    }

    private void write(Stored next) {
        Properties p = new Properties();
        Base64.Encoder b64 = Base64.getEncoder();
        p.setProperty("algorithm", ALGORITHM);
        p.setProperty("iterations", Integer.toString(next.iterations()));
        p.setProperty("salt", b64.encodeToString(next.salt()));
        p.setProperty("hash", b64.encodeToString(next.hash()));
        try {
            if (!Files.isDirectory(file.getParent())) {
                PrivateFiles.folder(file.getParent());
            }
            Path temp = Files.createTempFile(file.getParent(), ".web-admin", ".tmp");
            PrivateFiles.restrict(temp, PrivateFiles.FILE);
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                p.store(writer, "Outpost web admin password (PBKDF2 hash; delete this file to choose a new one)");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the admin password hash in " + file, e);
        }
    }
}
