package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web app's data directory is its user's alone: created 0700 with what is in it, received files 0600. */
class PrivateHomeTest {
    @Test
    void aNewHomeAndEverythingTheAppWritesInItAreTheUsersAlone() throws Exception {
        Path home = TestApp.freshHome("private").resolve("not-yet").resolve("home");
        try (OutpostWeb web = TestApp.start(home, Map.of())) {
            assertThat(mode(home.getParent())).as("a parent it made").isEqualTo("rwx------");
            assertThat(mode(home)).isEqualTo("rwx------");
            Path data = web.dataDirectory();
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("outpost.db"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("secret.key"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("uploads"))).isEqualTo("rwx------");

            UploadStore.Stored stored = new UploadStore(data.resolve("uploads")).receive(
                    new ByteArrayInputStream(TestMedia.png("private", java.awt.Color.BLUE)), "photo.png", kind -> 10_000_000);
            assertThat(mode(stored.path())).isEqualTo("rw-------");
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
