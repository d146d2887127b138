package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** What the web app writes is its user's alone: folders 0700, files 0600, whatever the umask. */
class PrivateFilesTest {
    @Test
    void uploadsThePasswordHashAndTheSandboxFolderArePrivate() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions only");
        Path home = TestApp.freshHome("private-files");
        // An upload folder left world-readable by an older version is tightened at start.
        Files.createDirectories(home.resolve("sandbox/uploads"));
        Files.setPosixFilePermissions(home.resolve("sandbox/uploads"), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (OutpostWeb app = TestApp.startWithoutPassword(home)) {
            WebClient browser = new WebClient(app.baseUrl());
            browser.get("/setup");
            HttpResponse<String> setup = browser.postForm("/setup", Map.of("password", TestApp.PASSWORD, "confirm",
                    TestApp.PASSWORD, "_csrf", browser.csrf()));
            assertThat(setup.statusCode()).isEqualTo(302);
            WebClient api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
            String account = Accounts.connect(api, app.sandbox().orElseThrow());
            HttpResponse<String> created = api.postMultipart("/api/publications", new WebClient.Multipart()
                    .field("account", account).field("text", "private").file("media[0]", "p.png",
                            TestMedia.png("P", Color.GRAY)));
            assertThat(created.statusCode()).isEqualTo(201);

            Path uploads = app.dataDirectory().resolve("uploads");
            assertThat(mode(app.dataDirectory())).isEqualTo("rwx------");
            assertThat(mode(app.dataDirectory().resolve("x-spool"))).isEqualTo("rwx------");
            assertThat(mode(uploads)).isEqualTo("rwx------");
            List<Path> files;
            try (Stream<Path> listed = Files.list(uploads)) {
                files = listed.toList();
            }
            assertThat(files).hasSize(2).allSatisfy(f -> assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------"));
            assertThat(mode(home.resolve("web-admin.properties"))).isEqualTo("rw-------");
        }
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
