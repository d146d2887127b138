package dev.outpost.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.domain.post.TextLimit;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin against the real PDS, case by case (issue 14's list and RELIABILITY B1–B3): what a user's post looks like
 * once the server holds it, and what the plugin does when the server or the network misbehaves.
 */
class BlueskyOnRealPdsTest {
    @RegisterExtension
    static final RealPds PDS = new RealPds();

    @TempDir
    Path dir;

    private final Plugin plugin = new Plugin(PDS);
    private final Random random = new Random(7);

    @Test
    void fourImagesKeepTheirAltTextAspectRatioAndBlobInTheRecord() {
        AccountAccess alice = plugin.connect("alice");
        List<PostRequest.Media> media = new ArrayList<>();
        List<MediaFile> files = List.of(TestMedia.jpeg(dir, "a.jpg", 64, 48), TestMedia.png(dir, "b.png", 30, 60),
                TestMedia.jpeg(dir, "c.jpg", 50, 50), TestMedia.png(dir, "d.png", 90, 10));
        for (int i = 0; i < files.size(); i++) {
            MediaRef ref = plugin.transport().upload(TestUploadContext.builder(files.get(i), alice).build());
            media.add(new PostRequest.Media(ref.value(), files.get(i).type(), "Picture " + (i + 1) + " ☀"));
        }

        RemotePost post = plugin.publisher().publish(alice, request("Four pictures", media, null));

        JsonNode images = record(post).path("embed").path("images");
        assertThat(record(post).path("embed").path("$type").asText()).isEqualTo("app.bsky.embed.images");
        assertThat(images).hasSize(4);
        int[][] sides = {{64, 48}, {30, 60}, {50, 50}, {90, 10}};
        for (int i = 0; i < 4; i++) {
            JsonNode image = images.get(i);
            assertThat(image.path("alt").asText()).isEqualTo("Picture " + (i + 1) + " ☀");
            assertThat(image.path("aspectRatio").path("width").asInt()).isEqualTo(sides[i][0]);
            assertThat(image.path("aspectRatio").path("height").asInt()).isEqualTo(sides[i][1]);
            assertThat(image.path("image").path("ref").path("$link").asText())
                    .isEqualTo(BlobRef.decode(media.get(i).ref()).cid());
            assertThat(image.path("image").path("size").asLong()).isEqualTo(files.get(i).size());
            assertThat(image.path("image").path("mimeType").asText()).isEqualTo(files.get(i).type().mimeType());
        }
    }

    @Test
    void aVideoUploadedAsAPlainBlobIsEmbeddedWithItsAltText() {
        AccountAccess alice = plugin.connect("alice");
        MediaFile video = TestMedia.mp4(dir, "clip.mp4", 1_500_000, 3);
        TestUploadContext context = TestUploadContext.builder(video, alice).build();

        MediaRef ref = plugin.transport().upload(context);
        RemotePost post = plugin.publisher().publish(alice, request("A clip", List.of(new PostRequest.Media(
                ref.value(), video.type(), "A short clip")), null));

        JsonNode embed = record(post).path("embed");
        assertThat(embed.path("$type").asText()).isEqualTo("app.bsky.embed.video");
        assertThat(embed.path("alt").asText()).isEqualTo("A short clip");
        assertThat(embed.path("video").path("ref").path("$link").asText()).isEqualTo(BlobRef.decode(ref.value())
                .cid());
        assertThat(embed.path("video").path("size").asLong()).isEqualTo(video.size());
        // That fixture has no moov box: no size can be read, so the record carries none.
        assertThat(embed.has("aspectRatio")).isFalse();
        assertThat(context.processingWaits()).isEmpty();
        assertThat(context.attempts()).hasSize(1);
    }

    @Test
    void aVideosAspectRatioIsReadFromItsTrackAndKeptInTheRecord() {
        AccountAccess alice = plugin.connect("alice");
        MediaFile video = TestMedia.inspect(Mp4Files.write(dir, "portrait.mp4", 1920, 1080, 1920, 1080, true,
                400_000), dev.outpost.domain.media.MediaType.MP4);

        MediaRef ref = plugin.transport().upload(TestUploadContext.builder(video, alice).build());
        RemotePost post = plugin.publisher().publish(alice, request("Upright", List.of(new PostRequest.Media(
                ref.value(), video.type(), "A phone's video")), null));

        JsonNode embed = record(post).path("embed");
        assertThat(embed.path("$type").asText()).isEqualTo("app.bsky.embed.video");
        assertThat(embed.path("aspectRatio").path("width").asInt()).isEqualTo(1080);
        assertThat(embed.path("aspectRatio").path("height").asInt()).isEqualTo(1920);
    }

    @Test
    void aThreadOfThreeNamesItsFirstPostAsRootAndThePreviousAsParent() {
        AccountAccess alice = plugin.connect("alice");
        PostPublisher publisher = plugin.publisher();

        RemotePost first = publisher.publish(alice, request("1/3", List.of(), null));
        RemotePost second = publisher.publish(alice, request("2/3", List.of(), first.replyRef()));
        RemotePost third = publisher.publish(alice, request("3/3", List.of(), second.replyRef()));

        assertThat(record(first).has("reply")).isFalse();
        JsonNode two = record(second).path("reply");
        JsonNode three = record(third).path("reply");
        String firstCid = read(first).path("cid").asText();
        assertThat(two.path("root").path("uri").asText()).isEqualTo(first.id());
        assertThat(two.path("root").path("cid").asText()).isEqualTo(firstCid);
        assertThat(two.path("parent").path("uri").asText()).isEqualTo(first.id());
        assertThat(three.path("root").path("uri").asText()).isEqualTo(first.id());
        assertThat(three.path("root").path("cid").asText()).isEqualTo(firstCid);
        assertThat(three.path("parent").path("uri").asText()).isEqualTo(second.id());
        assertThat(three.path("parent").path("cid").asText()).isEqualTo(read(second).path("cid").asText());
    }

    /** RELIABILITY B2: the post was written, its answer lost; sent again under the same key, it stays one record. */
    @Test
    void aLostAnswerOnThePostLeavesExactlyOneRecord() throws Exception {
        AccountAccess alice = plugin.connect("alice");
        try (FaultProxy proxy = new FaultProxy(PDS.url())) {
            AccountAccess viaProxy = Plugin.with(alice, alice.credentials().withExtra(new SessionState(proxy.url(),
                    alice.account().platformUserId(), alice.account().handle()).encode()));
            proxy.loseAnswers("com.atproto.repo.putRecord", 1);
            PostPublisher publisher = plugin.publisher();
            PostRequest request = request("Said once, answered never", List.of(), null);
            Instant since = Instant.now();

            assertThatThrownBy(() -> publisher.publish(viaProxy, request))
                    .isInstanceOf(PlatformException.Ambiguous.class);
            assertThat(publisher.deduplicates()).isTrue();
            assertThat(publisher.settle(viaProxy, request, since)).isInstanceOf(Settlement.Found.class);
            Thread.sleep(5); // a later createdAt: the repeat is refused InvalidSwap, then read back
            RemotePost again = publisher.publish(viaProxy, request);

            assertThat(again.id()).endsWith("/" + request.idempotencyKey());
            assertThat(proxy.count("com.atproto.repo.putRecord")).isEqualTo(2);
            assertThat(records(alice)).extracting(r -> r.path("uri").asText()).containsExactly(again.id());
        }
    }

    /** RELIABILITY B1: an expired access token is a 400 ExpiredToken; refreshed once, the request is repeated. */
    @Test
    void anExpiredTokenIsRefreshedOnceAndTheRequestRepeated() {
        AccountAccess alice = plugin.connect("alice");
        TokenSet expired = new TokenSet(PDS.expiredCopyOf(alice.accessToken()), alice.credentials().refreshToken(),
                null, null, alice.credentials().extra(), 1);
        MediaFile image = TestMedia.jpeg(dir, "e.jpg", 20, 20);
        TestUploadContext context = TestUploadContext.builder(image, Plugin.with(alice, expired))
                .refresher(access -> plugin.authorizer().refresh(access)).build();

        MediaRef ref = plugin.transport().upload(context);

        assertThat(context.refreshes()).isEqualTo(1);
        assertThat(context.attempts()).extracting(TestUploadContext.Attempt::outcome)
                .containsExactly("Unauthorized", "ok");
        assertThat(ref.value()).contains("$link");
        assertThatThrownBy(() -> plugin.publisher().publish(Plugin.with(alice, expired), request("late", List.of(),
                null))).isInstanceOf(PlatformException.Unauthorized.class).hasMessageContaining("ExpiredToken");
    }

    /** RELIABILITY B1: a deleted session cannot be renewed: the refresh is refused, so the core asks to reconnect. */
    @Test
    void aDeletedSessionNeedsAReconnect() {
        AccountAccess alice = plugin.connect("alice");
        plugin.authorizer().revoke(alice);
        TokenSet expired = new TokenSet(PDS.expiredCopyOf(alice.accessToken()), alice.credentials().refreshToken(),
                null, null, alice.credentials().extra(), 1);
        TestUploadContext context = TestUploadContext.builder(TestMedia.jpeg(dir, "r.jpg", 20, 20),
                Plugin.with(alice, expired)).refresher(access -> plugin.authorizer().refresh(access)).build();

        assertThatThrownBy(() -> plugin.transport().upload(context))
                .isInstanceOf(PlatformException.Unauthorized.class).hasMessageContaining("Token has been revoked");
    }

    @Test
    void twoWorkersRacingARefreshBothGetAWorkingSession() throws Exception {
        AccountAccess alice = plugin.connect("alice");
        Thread.sleep(1100);
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<TokenSet>> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            workers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return plugin.authorizer().refresh(alice);
            }));
        }

        for (CompletableFuture<TokenSet> worker : workers) {
            TokenSet tokens = worker.get();
            assertThat(tokens.refreshToken()).isNotEqualTo(alice.credentials().refreshToken());
            MediaRef ref = plugin.transport().upload(TestUploadContext.builder(TestMedia.jpeg(dir, "w.jpg", 8, 8),
                    Plugin.with(alice, tokens)).build());
            assertThat(ref.value()).contains("$link");
            assertThat(plugin.authorizer().refresh(Plugin.with(alice, tokens)).accessToken()).isNotBlank();
        }
    }

    /**
     * RELIABILITY A2 with the real PDS: two workers find the session expired at once; through the store's exclusive
     * refresh (as the core does it) the server is asked once, and both use the one new pair.
     */
    @Test
    void twoWorkersNeedingARefreshThroughTheStoreAskTheServerOnce() throws Exception {
        AccountAccess alice = plugin.connect("alice");
        dev.outpost.ports.storage.memory.InMemoryTokenStore store =
                new dev.outpost.ports.storage.memory.InMemoryTokenStore();
        try (FaultProxy proxy = new FaultProxy(PDS.url())) {
            TokenSet stale = store.put(alice.account().id(), alice.credentials().withExtra(new SessionState(
                    proxy.url(), alice.account().platformUserId(), alice.account().handle()).encode()));
            Thread.sleep(1100);
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<TokenSet>> workers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                workers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return store.refreshExclusively(alice.account().id(), current -> current.sameTokensAs(stale)
                            ? plugin.authorizer().refresh(Plugin.with(alice, current)) : current);
                }));
            }

            TokenSet one = workers.get(0).get();
            TokenSet two = workers.get(1).get();
            assertThat(proxy.count("com.atproto.server.refreshSession")).isEqualTo(1);
            assertThat(one.accessToken()).isEqualTo(two.accessToken());
            assertThat(one.refreshToken()).isNotEqualTo(stale.refreshToken());
            assertThat(store.find(alice.account().id()).orElseThrow().version()).isEqualTo(2);
        }
    }

    @Test
    void threeHundredAndOneGraphemesAreRefusedBeforeSendingAndThreeHundredEmojiPass() throws Exception {
        AccountAccess alice = plugin.connect("alice");
        PlatformRules rules = plugin.plugin.rulebook(plugin.context).defaults();
        String tooLong = "👩‍👩‍👧".repeat(301);
        String longest = "🇫🇷".repeat(300);
        TextLimit graphemes = rules.primaryTextLimit();
        assertThat(graphemes.unit()).isEqualTo("graphemes");
        assertThat(graphemes.count(tooLong)).isEqualTo(301);
        assertThat(graphemes.count(longest)).isEqualTo(300);
        assertThat(rules.textLimits().get(1).count(longest)).isEqualTo(2400).isLessThanOrEqualTo(3000);
        try (FaultProxy proxy = new FaultProxy(PDS.url())) {
            AccountAccess viaProxy = Plugin.with(alice, alice.credentials().withExtra(new SessionState(proxy.url(),
                    alice.account().platformUserId(), alice.account().handle()).encode()));

            assertThatThrownBy(() -> plugin.publisher().publish(viaProxy, request(tooLong, List.of(), null)))
                    .isInstanceOf(PlatformException.InvalidRequest.class).hasMessageContaining("301 graphemes")
                    .hasMessageContaining("at most 300");
            assertThat(proxy.seen()).isEmpty();
            RemotePost post = plugin.publisher().publish(viaProxy, request(longest, List.of(), null));
            assertThat(record(post).path("text").asText()).isEqualTo(longest);
        }
    }

    @Test
    void theServerRefusesThreeHundredAndOneGraphemesWithItsOwnMessage() {
        AccountAccess alice = plugin.connect("alice");
        Wire.Answer answer = new Wire(PDS.url()).postAnswer("com.atproto.repo.createRecord", alice.accessToken(),
                Map.of("repo", alice.account().platformUserId(), "collection", "app.bsky.feed.post", "record",
                        Map.of("$type", "app.bsky.feed.post", "text", "a".repeat(301), "createdAt",
                                Instant.now().toString())));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("InvalidRequest");
        assertThat(answer.body().path("message").asText()).contains("300").contains("301");
    }

    /** RELIABILITY B3: a blob the server does not hold makes the post MediaExpired, for the core to upload again. */
    @Test
    void aBlobTheServerDoesNotHoldIsMediaExpired() {
        AccountAccess alice = plugin.connect("alice");
        String ghost = "{\"blob\":{\"$type\":\"blob\",\"ref\":{\"$link\":\"bafkreia4a2zll4ryfprdhxrp3zguu4wlfq62abo7u"
                + "vpjgzwlmsjtygpcoi\"},\"mimeType\":\"image/jpeg\",\"size\":108}}";

        assertThatThrownBy(() -> plugin.publisher().publish(alice, request("ghost", List.of(new PostRequest.Media(
                ghost, dev.outpost.domain.media.MediaType.JPEG, null)), null)))
                .isInstanceOf(PlatformException.MediaExpired.class).hasMessageContaining("BlobNotFound");
    }

    @Test
    void linksMentionsAndHashtagsAreFacetsWithUtf8ByteOffsets() {
        AccountAccess alice = plugin.connect("alice");
        BlueskyServer.TestAccount bob = PDS.createAccount("bob");
        String text = "Café ☕ with @" + bob.handle() + " at https://example.com/menu?x=1. #coffee #2024";

        RemotePost post = plugin.publisher().publish(alice, request(text, List.of(), null));

        JsonNode facets = record(post).path("facets");
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<String> marked = new ArrayList<>();
        for (JsonNode facet : facets) {
            int start = facet.path("index").path("byteStart").asInt();
            int end = facet.path("index").path("byteEnd").asInt();
            marked.add(new String(utf8, start, end - start, java.nio.charset.StandardCharsets.UTF_8) + " -> "
                    + facet.path("features").get(0).path("$type").asText().replace("app.bsky.richtext.facet#", "")
                    + ":" + facet.path("features").get(0).properties().stream().filter(e -> !e.getKey()
                            .equals("$type")).findFirst().orElseThrow().getValue().asText());
        }
        assertThat(marked).containsExactlyInAnyOrder("https://example.com/menu?x=1 -> link:https://example.com/menu?x=1",
                "@" + bob.handle() + " -> mention:" + bob.did(), "#coffee -> tag:coffee");
    }

    private PostRequest request(String text, List<PostRequest.Media> media, String replyTo) {
        return new PostRequest(text, media, replyTo, plugin.publisher().newIdempotencyKey(Instant.now(), random),
                Map.of());
    }

    private static JsonNode read(RemotePost post) {
        return BlueskyPostPublisherContract.read(PDS, post.id()).orElseThrow();
    }

    private static JsonNode record(RemotePost post) {
        return read(post).path("value");
    }

    private static List<JsonNode> records(AccountAccess access) {
        List<JsonNode> out = new ArrayList<>();
        new Wire(PDS.url()).get("com.atproto.repo.listRecords", null, Map.of("repo", access.account()
                .platformUserId(), "collection", "app.bsky.feed.post")).path("records").forEach(out::add);
        return out;
    }
}
