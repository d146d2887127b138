package dev.outpost.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.application.ConnectAccount;
import dev.outpost.application.DraftInput;
import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.Platforms;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.storage.memory.InMemoryStores;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin inside Outpost's core, unchanged, against the real PDS: connected, posting with images, its tokens
 * renewed and its lost answers settled by the core's own machinery, and an account whose session was deleted shown
 * as needing a reconnect.
 */
class BlueskyThroughTheCoreTest {
    @RegisterExtension
    static final RealPds PDS = new RealPds();

    @TempDir
    Path dir;

    private final InMemoryStores stores = new InMemoryStores(Clock.systemUTC());
    private OutpostCore core;

    private OutpostCore core(URI pds) {
        Platforms platforms = Platforms.open(List.of(new BlueskyPlatformPlugin()), Map.of(
                BlueskySettings.PLC_URL, PDS.plcUrl().toString(), BlueskySettings.VIDEO_SERVICE_URL, "none",
                BlueskySettings.RESOLVE_HANDLES_ONLINE, "false"), Clock.systemUTC(), stores.secrets());
        core = new OutpostCore(stores, platforms, OutpostCore.Options.defaults(Clock.systemUTC(), "test-worker"));
        return core;
    }

    @AfterEach
    void close() {
        if (core != null) {
            core.close();
        }
    }

    private Account connect(OutpostCore core, BlueskyServer.TestAccount account, URI service) {
        ConnectAccount.Started started = core.connectAccount().start("bluesky", "app-password", Map.of("handle",
                account.handle(), "app-password", account.appPassword(), "service", service.toString()),
                URI.create("http://127.0.0.1:8765/callback"), "cli");
        return ((ConnectAccount.Started.Connected) started).account();
    }

    @Test
    void aPostWithTwoImagesIsPublishedWithItsLinkAndAltText() {
        OutpostCore core = core(PDS.url());
        BlueskyServer.TestAccount alice = PDS.createAccount("alice");
        Account account = connect(core, alice, PDS.url());

        Publication draft = core.publications().createForImmediateRun(account.id(), new DraftInput("Hello from "
                + "Outpost https://example.com #outpost", List.of(new DraftInput.Attachment(TestMedia.jpeg(dir,
                        "a.jpg", 32, 24).path(), "first"), new DraftInput.Attachment(TestMedia.png(dir, "b.png", 12,
                                12).path(), "second")), null, null));
        Publication done = core.runner().run(draft.id());

        assertThat(account.id().value()).isEqualTo("bluesky:" + alice.did());
        assertThat(done.state()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(core.publications().details(done).url()).hasValueSatisfying(url -> assertThat(url)
                .hasToString("https://bsky.app/profile/" + alice.handle() + "/post/" + done.idempotencyKey()));
        JsonNode record = BlueskyPostPublisherContract.read(PDS, done.remote().id()).orElseThrow().path("value");
        assertThat(record.path("embed").path("images")).extracting(i -> i.path("alt").asText())
                .containsExactly("first", "second");
        assertThat(record.path("facets")).hasSize(2);
    }

    @Test
    void theCoreRefusesTooLongTextWithBlueskysUnitBeforeAnythingIsSent() {
        OutpostCore core = core(PDS.url());
        Account account = connect(core, PDS.createAccount("alice"), PDS.url());

        assertThatThrownBy(() -> core.publications().check(account.id(), new DraftInput("x".repeat(301), List.of(),
                null, null))).isInstanceOf(OutpostException.class).hasMessageContaining("300")
                .hasMessageContaining("graphemes");
    }

    /** RELIABILITY B1 through the core: the stored access token expired; one refresh, and the post goes out. */
    @Test
    void anExpiredSessionIsRenewedByTheCoreOnce() {
        OutpostCore core = core(PDS.url());
        Account account = connect(core, PDS.createAccount("alice"), PDS.url());
        TokenSet stored = stores.tokens().find(account.id()).orElseThrow();
        stores.tokens().put(account.id(), new TokenSet(PDS.expiredCopyOf(stored.accessToken()),
                stored.refreshToken(), java.time.Instant.now().plusSeconds(3600), stored.scopes(), stored.extra(), 0));

        Publication done = core.runner().run(core.publications().createForImmediateRun(account.id(),
                new DraftInput("after a refresh", List.of(), null, null)).id());

        assertThat(done.state()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(stores.tokens().find(account.id()).orElseThrow().refreshToken())
                .isNotEqualTo(stored.refreshToken());
    }

    /** RELIABILITY B1 through the core: a deleted session cannot be renewed, so the account needs a reconnect. */
    @Test
    void aDeletedSessionMarksTheAccountForReconnect() {
        OutpostCore core = core(PDS.url());
        Account account = connect(core, PDS.createAccount("alice"), PDS.url());
        TokenSet stored = stores.tokens().find(account.id()).orElseThrow();
        new Wire(PDS.url()).post("com.atproto.server.deleteSession", stored.refreshToken(), null);
        stores.tokens().put(account.id(), new TokenSet(PDS.expiredCopyOf(stored.accessToken()),
                stored.refreshToken(), java.time.Instant.now().plusSeconds(3600), stored.scopes(), stored.extra(), 0));

        Publication done = core.runner().run(core.publications().createForImmediateRun(account.id(),
                new DraftInput("never", List.of(), null, null)).id());

        assertThat(done.state()).isNotEqualTo(PublicationState.PUBLISHED);
        assertThat(core.accounts().get(account.id()).status()).isEqualTo(AccountStatus.NEEDS_RECONNECT);
    }

    /** RELIABILITY B2 through the core: the post's answer is lost; the core sends it again; one record. */
    @Test
    void aLostAnswerOnThePostIsOneRecordThroughTheCore() throws Exception {
        try (FaultProxy proxy = new FaultProxy(PDS.url())) {
            OutpostCore core = core(proxy.url());
            BlueskyServer.TestAccount alice = PDS.createAccount("alice");
            Account account = connect(core, alice, proxy.url());
            proxy.loseAnswers("com.atproto.repo.putRecord", 1);

            Publication done = core.runner().run(core.publications().createForImmediateRun(account.id(),
                    new DraftInput("answered never, posted once", List.of(), null, null)).id());

            assertThat(done.state()).isEqualTo(PublicationState.PUBLISHED);
            assertThat(proxy.count("com.atproto.repo.putRecord")).isEqualTo(2);
            assertThat(new Wire(PDS.url()).get("com.atproto.repo.listRecords", null, Map.of("repo", alice.did(),
                    "collection", "app.bsky.feed.post")).path("records")).hasSize(1);
        }
    }
}
