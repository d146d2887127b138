package dev.outpost.storage;

import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds the key that seals tokens: {@code OUTPOST_SECRET_KEY} (base64 of 32 bytes), else the key file in the data
 * directory, generated with mode 0600 on the first run. The database keeps a value sealed with the key, so a wrong
 * key is refused at open, before any token is read or written; an existing key file is never overwritten, and no
 * key is generated for a database that already has one.
 */
final class SecretKeySource {
    static final String SECRET_KEY = "OUTPOST_SECRET_KEY";
    static final String KEY_FILE_NAME = "secret.key";
    private static final byte[] CHECK_AAD = "outpost:key-check".getBytes(StandardCharsets.UTF_8);

    private SecretKeySource() {
    }

    static TokenCipher open(StorageConfig config, Jdbc jdbc, SecureRandom random) {
        Optional<byte[]> check = jdbc.withConnection("reading the key check", SecretKeySource::readCheck);
        Path keyFile = config.dataDirectory().resolve(KEY_FILE_NAME);
        String source;
        byte[] key;
        Optional<String> fromSetting = config.setting(SECRET_KEY);
        if (fromSetting.isPresent()) {
            source = SECRET_KEY;
            key = decode(fromSetting.get(), SECRET_KEY);
        } else if (Files.exists(keyFile)) {
            source = "the key file " + keyFile;
            key = decode(read(keyFile), source);
        } else if (check.isPresent()) {
            throw new StorageException("This database holds tokens sealed with a secret key, but no key was given:"
                    + " set " + SECRET_KEY + " to that key, or restore the key file " + keyFile + ". Nothing was"
                    + " changed.");
        } else {
            source = "the key file " + keyFile;
            key = generate(keyFile, random);
        }
        TokenCipher cipher = new TokenCipher(key, random);
        if (check.isPresent()) {
            verify(cipher, check.get(), source);
        } else {
            storeCheck(jdbc, cipher, random, source);
        }
        return cipher;
    }

    private static void verify(TokenCipher cipher, byte[] check, String source) {
        try {
            cipher.open(check, CHECK_AAD, "key check");
        } catch (StorageException e) {
            throw new StorageException("The secret key from " + source + " is not the key this database's tokens"
                    + " were sealed with. Use the original key (" + SECRET_KEY + " or the key file); nothing was"
                    + " changed.", e);
        }
    }

    private static void storeCheck(Jdbc jdbc, TokenCipher cipher, SecureRandom random, String source) {
        byte[] marker = new byte[16];
        random.nextBytes(marker);
        byte[] sealed = cipher.seal(marker, CHECK_AAD);
        boolean inserted = jdbc.withConnection("storing the key check", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO key_check (id, sealed) VALUES (1, ?)")) {
                ps.setBytes(1, sealed);
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
        if (!inserted) {
            // Another instance opened the database for the first time at the same moment: its key must match.
            verify(cipher, jdbc.withConnection("reading the key check", SecretKeySource::readCheck).orElseThrow(),
                    source);
        }
    }

    private static Optional<byte[]> readCheck(java.sql.Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sealed FROM key_check WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
        }
    }

    private static byte[] decode(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new StorageException("The secret key from " + source + " is not valid base64.");
        }
        if (key.length != TokenCipher.KEY_BYTES) {
            throw new StorageException("The secret key from " + source + " must be the base64 of 32 bytes, not "
                    + key.length + ".");
        }
        return key;
    }

    private static String read(Path keyFile) {
        try {
            return Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new StorageException("Cannot read the key file " + keyFile + " (" + e.getClass().getSimpleName()
                    + "): check its owner and permissions; it was left as it is.", e);
        }
    }

    private static byte[] generate(Path keyFile, SecureRandom random) {
        byte[] key = new byte[TokenCipher.KEY_BYTES];
        random.nextBytes(key);
        byte[] encoded = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path dir = keyFile.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.getFileStore(dir).supportsFileAttributeView("posix")
                    ? Files.createTempFile(dir, ".secret", ".tmp", PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".secret", ".tmp");
            Files.write(temp, encoded, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            // A hard link appears complete or not at all, and never replaces a key another process just wrote.
            try {
                Files.createLink(keyFile, temp);
            } catch (UnsupportedOperationException e) {
                Files.move(temp, keyFile);
            }
            return key;
        } catch (FileAlreadyExistsException e) {
            return decode(read(keyFile), "the key file " + keyFile);
        } catch (IOException e) {
            throw new StorageException("Cannot create the key file " + keyFile + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Only a leftover temporary copy; the key file itself is in place.
        }
    }
}
