package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.application.DraftInput;
import dev.outpost.application.OutpostCore;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.ports.storage.SavedDraft;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which uploads go and which stay: real files in a temporary folder, drafts and publications in the shared app's real
 * storage. A draft's deletion takes the uploads only it named; the sweep takes uploads nothing names once a day old;
 * nothing a draft or a publication names is ever deleted.
 */
class UnusedUploadsTest {
    private static final Pattern UPLOAD_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static OutpostWeb app;
    private static OutpostCore core;
    private static String account;

    @TempDir
    Path folder;

    @BeforeAll
    static void start() {
        app = TestApp.shared();
        core = app.core();
        account = Accounts.connect(new WebClient(app.baseUrl()).basic(TestApp.PASSWORD), app.sandbox().orElseThrow());
    }

    @Test
    void deletingADraftDeletesTheUploadsOnlyItNamed() throws Exception {
        UploadStore uploads = new UploadStore(folder);
        UnusedUploads unused = new UnusedUploads(uploads, core, Clock.systemUTC());
        Path onlyHere = receive(uploads, "only-here.png");
        Path alsoInAnotherDraft = receive(uploads, "shared.png");
        Path alsoPublished = receive(uploads, "published.png");
        SavedDraft gone = core.drafts().save(null, "going", draftNaming(onlyHere, alsoInAnotherDraft, alsoPublished));
        SavedDraft other = core.drafts().save(null, "staying", draftNaming(alsoInAnotherDraft));
        queuePublicationOf(alsoPublished);

        core.drafts().delete(gone.id());
        assertThat(unused.draftGone(gone)).containsExactly(name(onlyHere));

        assertThat(onlyHere).doesNotExist();
        assertThat(onlyHere.resolveSibling(name(onlyHere) + ".name")).as("the client's name beside it").doesNotExist();
        assertThat(alsoInAnotherDraft).exists();
        assertThat(alsoPublished).exists();
        assertThat(uploads.clientName(alsoPublished)).contains("published.png");

        core.drafts().delete(other.id());
        assertThat(unused.draftGone(other)).containsExactly(name(alsoInAnotherDraft));
        assertThat(alsoPublished).as("a publication still names it").exists();
    }

    @Test
    void theSweepDeletesOnlyUploadsADayOldThatNothingNames() throws Exception {
        UploadStore uploads = new UploadStore(folder);
        UnusedUploads unused = new UnusedUploads(uploads, core, Clock.systemUTC());
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
        Path oldUnused = aged(receive(uploads, "forgotten.png"), twoDaysAgo);
        Path oldInDraft = aged(receive(uploads, "in-a-draft.png"), twoDaysAgo);
        Path oldPublished = aged(receive(uploads, "published.png"), twoDaysAgo);
        Path newUnused = receive(uploads, "just-sent.png");
        Path almostADay = aged(receive(uploads, "almost.png"), Instant.now().minus(Duration.ofHours(23)));
        Path halfReceived = aged(Files.writeString(folder.resolve(
                "0b6c8f1e-3a1d-4c55-9f0a-5f2b7c1d9e44.png.part"), "half"), twoDaysAgo);
        Path notOurs = aged(Files.writeString(folder.resolve("notes.txt"), "someone's notes"), twoDaysAgo);
        SavedDraft draft = core.drafts().save(null, "kept", draftNaming(oldInDraft));
        queuePublicationOf(oldPublished);

        assertThat(unused.sweep()).containsExactlyInAnyOrder(name(oldUnused), name(halfReceived));

        assertThat(oldUnused).doesNotExist();
        assertThat(halfReceived).doesNotExist();
        assertThat(oldInDraft).exists();
        assertThat(oldPublished).exists();
        assertThat(newUnused).exists();
        assertThat(almostADay).exists();
        assertThat(notOurs).as("not a name the store gives").exists();

        core.drafts().delete(draft.id());
        assertThat(unused.sweep()).as("once its draft is gone").containsExactly(name(oldInDraft));
        assertThat(oldPublished).exists();
    }

    @Test
    void aDraftNamesOnlyTheStoresOwnNamesSoItCannotPointOutsideTheFolder() {
        String content = """
                {"items":[{"text":"a","media":[{"upload":"../../web-admin.properties"},
                  {"upload":"0b6c8f1e-3a1d-4c55-9f0a-5f2b7c1d9e44.png"},{"upload":"/etc/passwd"},{"ref":"p1:0"}]},
                  {"text":"b","media":[{"upload":"0B6C8F1E-3A1D-4C55-9F0A-5F2B7C1D9E44.png"}]}]}""";

        assertThat(UnusedUploads.namedBy(content)).containsExactly("0b6c8f1e-3a1d-4c55-9f0a-5f2b7c1d9e44.png");
        assertThat(UnusedUploads.namedBy("not json")).isEmpty();
        assertThat(UnusedUploads.namedBy("{\"items\":\"none\"}")).isEmpty();
    }

    @Test
    void throughTheApiDeletingADraftDeletesTheUploadItNamed() {
        WebClient client = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
        String id = upload(client, "draft-only.png");
        String otherId = upload(client, "stays.png");
        Path uploaded = app.dataDirectory().resolve("uploads").resolve(id);
        Path stays = uploaded.resolveSibling(otherId);
        assertThat(uploaded).exists();
        String content = "{\"items\":[{\"text\":\"draft\",\"media\":[{\"upload\":\"" + id + "\",\"alt\":\"a\"}]}]}";
        HttpResponse<String> saved = client.postJson("/api/drafts", Json.text(Map.of("title", "files",
                "content", content)));
        assertThat(saved.statusCode()).isEqualTo(201);
        String draftId = (String) Json.read(saved.body()).get("id");

        HttpResponse<String> deleted = client.send(client.request("/api/drafts/" + draftId).DELETE().build());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(uploaded).doesNotExist();
        assertThat(stays).as("uploaded but never in the draft: the sweep's, after a day").exists();
    }

    private static String upload(WebClient client, String name) {
        HttpResponse<String> answer = client.postMultipart("/api/uploads", new WebClient.Multipart()
                .file("file", name, TestMedia.png(name, Color.BLUE)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        Matcher m = UPLOAD_ID.matcher(answer.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** A PNG received as the upload routes receive one. */
    private static Path receive(UploadStore uploads, String clientName) throws Exception {
        return uploads.receive(new ByteArrayInputStream(TestMedia.png(clientName, Color.ORANGE)), clientName,
                (MediaKind kind) -> 5L << 20).path();
    }

    private static Path aged(Path file, Instant modified) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    /** The compose page's draft JSON, one post with these files. */
    private static String draftNaming(Path... files) {
        List<Map<String, Object>> media = java.util.Arrays.stream(files).map(f -> Map.<String, Object>of(
                "upload", name(f), "name", "photo.png", "kind", "image", "alt", "a photo")).toList();
        return Json.text(Map.of("version", 1, "items", List.of(Map.of("text", "with files", "media", media))));
    }

    /** A publication scheduled next week, so it stays queued with the file as its media. */
    private static void queuePublicationOf(Path file) {
        core.publications().submit(new AccountId(account), new DraftInput("later " + System.nanoTime(),
                List.of(new DraftInput.Attachment(file, "a photo", null)), null,
                Instant.now().plus(Duration.ofDays(7))));
    }
}
