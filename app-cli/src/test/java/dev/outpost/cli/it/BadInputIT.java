package dev.outpost.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.xsandbox.TokenPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every bad input of RELIABILITY.md's last section, through the launcher: one line naming the field or the file,
 * exit 2, nothing uploaded, nothing stored. The runs are independent, so they run side by side.
 */
@Execution(ExecutionMode.CONCURRENT)
class BadInputIT {
    @TempDir
    static Path dir;
    static World world;
    static Path photo;

    @BeforeAll
    static void start() throws Exception {
        world = World.start(World.newHome(dir));
        world.connect();
        photo = TestMedia.jpeg(dir, "photo.jpg", 120, 90, 1);
    }

    @AfterEach
    void nothingWasUploadedNorStored() throws Exception {
        assertThat(world.x.state().media()).isEmpty();
        assertThat(world.x.posts()).isEmpty();
    }

    @AfterAll
    static void stop() throws Exception {
        assertThat(Launcher.run(world.env(), "publications", "list", "--json").expectExit(0).json()).isEmpty();
        world.close();
    }

    @Test
    void anEmptyFile() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        refused(List.of("post", "hi", "--media", empty.toString()), "media[0]", empty + " is empty");
    }

    @Test
    void aRenamedExecutable() throws Exception {
        Path elf = TestMedia.withMagic(dir, "holiday.jpg", new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, 20_000);
        refused(List.of("post", "hi", "--media", elf.toString()), "media[0]",
                elf + " is not a supported image or video");
    }

    @Test
    void anUnsupportedType() throws Exception {
        Path bmp = TestMedia.withMagic(dir, "scan.bmp", new byte[] {'B', 'M', 0x36, 0, 0, 0}, 5_000);
        refused(List.of("post", "hi", "--media", bmp.toString()), "media[0]",
                bmp + " is not a supported image or video");
    }

    @Test
    void anImageOverFiveMegabytes() throws Exception {
        Path big = TestMedia.withMagic(dir, "big.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0},
                (5L << 20) + 1);
        refused(List.of("post", "hi", "--media", big.toString()), "media[0]", "big.jpg is 5.0 MiB, over X's 5 MiB limit");
    }

    @Test
    void aGifOverFifteenMegabytes() throws Exception {
        Path gif = TestMedia.withMagic(dir, "loop.gif", "GIF89a".getBytes(StandardCharsets.US_ASCII),
                15L * (1 << 20) + (1 << 19));
        refused(List.of("post", "hi", "--media", gif.toString()), "media[0]", "loop.gif is 15.5 MiB, over X's 15 MiB"
                + " limit for a GIF");
    }

    @Test
    void aVideoOver512Megabytes() throws Exception {
        Path video = TestMedia.sparseMp4(dir, "long.mp4", (512L << 20) + 1);
        refused(List.of("post", "hi", "--media", video.toString()), "media[0]", "long.mp4 is 512.0 MiB, over X's"
                + " 512 MiB limit for a video");
    }

    @Test
    void fiveImages() throws Exception {
        List<String> args = new ArrayList<>(List.of("post", "hi"));
        for (int i = 0; i < 5; i++) {
            args.addAll(List.of("--media", photo.toString()));
        }
        refused(args, "media", "5 images attached, at most 4 allowed");
    }

    @Test
    void aVideoWithAnImage() throws Exception {
        Path video = TestMedia.mp4(dir, "short.mp4", 100_000, 3);
        refused(List.of("post", "hi", "--media", video.toString(), "--media", photo.toString()), "media",
                "X takes up to 4 images, or 1 GIF, or 1 video in one post");
    }

    @Test
    void textOverTheWeightedLimit() throws Exception {
        // CJK characters weigh two: 141 of them count 282.
        refused(List.of("post", "字".repeat(141)), "text", "X: the text counts 282 characters, over the limit of 280");
    }

    @Test
    void altTextOver1000Characters() throws Exception {
        refused(List.of("post", "hi", "--media", photo.toString(), "--alt", "a".repeat(1001)), "media[0].alt",
                "the alt text of photo.jpg has 1001 characters, over X's limit of 1000");
    }

    @Test
    void aMissingFile() throws Exception {
        Path missing = dir.resolve("nowhere.jpg");
        refused(List.of("post", "hi", "--media", missing.toString()), "media[0]", missing + " does not exist");
    }

    @Test
    void anUnknownAccount() throws Exception {
        refused(List.of("post", "hi", "--account", "@ghost"), "account", "no connected account is called '@ghost'");
    }

    @Test
    void aScheduleTimeInThePast() throws Exception {
        refused(List.of("post", "hi", "--at", "2020-01-01T00:00:00Z"), "scheduledAt",
                "the schedule time 2020-01-01T00:00:00Z is in the past");
    }

    @Test
    void aScheduleTimeThatIsNoTime() throws Exception {
        refused(List.of("post", "hi", "--at", "someday"), "--at", "'someday' is not a time");
    }

    @Test
    void everyProblemIsListedAtOnce() throws Exception {
        Path missing = dir.resolve("gone.png");
        Launcher.Run run = Launcher.run(world.env("OUTPOST_HOME", copyOfHome().toString()), "post", "x".repeat(300), "--media", photo.toString(), "--alt",
                "b".repeat(1001), "--media", missing.toString(), "--at", "2020-01-01T00:00:00Z").expectExit(2);
        String now = run.stderr().replaceAll("(?s).*\\(now ([^)]+)\\).*", "$1");
        assertThat(run.stderr().lines()).containsExactly(
                "outpost: 4 problems, nothing was uploaded:",
                "  media[1]: " + missing + " does not exist; check the path",
                "  text: X: the text counts 300 characters, over the limit of 280 by 20; shorten it",
                "  media[0].alt: the alt text of photo.jpg has 1001 characters, over X's limit of 1000",
                "  scheduledAt: the schedule time 2020-01-01T00:00:00Z is in the past (now " + now + "); pick a later"
                        + " time or publish now");
    }

    @Test
    void anUnreadableFile() throws Exception {
        Path secret = TestMedia.jpeg(dir, "private.jpg", 50, 50, 8);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            refused(List.of("post", "hi", "--media", secret.toString()), "media[0]", secret
                    + " cannot be read (permission denied)");
            return;
        }
        // Root reads any file: run the launcher as nobody, with a home nobody can write and an account of its own.
        Path shared = Files.createTempDirectory("outpost-nobody-");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path denied = Files.copy(secret, shared.resolve("private.jpg"));
        Files.setPosixFilePermissions(denied, PosixFilePermissions.fromString("rw-------"));
        List<String> asNobody = List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");
        Map<String, String> env = world.env("OUTPOST_HOME", shared.resolve("home").toString());
        TokenPair tokens = world.tokens();
        Launcher.start(asNobody, env, null, "accounts", "import", "x", "--access-token", tokens.accessToken(),
                "--refresh-token", tokens.refreshToken()).finish(Duration.ofMinutes(2)).expectExit(0);
        Launcher.Run run = Launcher.start(asNobody, env, null, "post", "hi", "--media", denied.toString())
                .finish(Duration.ofMinutes(2)).expectExit(2);
        assertOneLine(run, "media[0]", denied + " cannot be read (permission denied)");
    }

    private static void refused(List<String> args, String field, String says) throws Exception {
        Map<String, String> env = world.env("OUTPOST_HOME", copyOfHome().toString());
        assertOneLine(Launcher.run(env, args.toArray(String[]::new)).expectExit(2), field, says);
    }

    /**
     * A copy of the connected home for one run: H2's mixed mode lets processes share a file, but several opening it
     * at the same instant can fail ("Another process was faster"), which is not what these tests are about.
     */
    private static Path copyOfHome() throws java.io.IOException {
        Path copy = Files.createTempDirectory(dir, "home-");
        try (var files = Files.list(world.home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    private static void assertOneLine(Launcher.Run run, String field, String says) {
        assertThat(run.stderr().lines()).as("%s", run).hasSize(1);
        assertThat(run.stderr()).as("%s", run).startsWith("outpost: " + field + ": ").contains(says);
        assertThat(run.stdout()).isEmpty();
    }
}
