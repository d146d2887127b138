package dev.outpost.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostPublisherContract;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ports' {@link PostPublisherContract} for the Bluesky plugin against a Bluesky server (the real PDS or the
 * sandbox): posts read back with {@code com.atproto.repo.getRecord}, behind the publisher's back.
 */
abstract class BlueskyPostPublisherContract extends PostPublisherContract {
    static final PlatformCapabilities CAPABILITIES = PlatformCapabilities.builder().refusesDuplicateText(false)
            .deduplicatesByKey(true).signInMethods("app-password").tokensExpire(true).refreshes(true).build();

    @TempDir
    Path dir;

    private Plugin plugin;
    private AccountAccess access;

    abstract BlueskyServer server();

    @Override
    protected PostPublisher createPublisher() {
        plugin = new Plugin(server());
        access = plugin.connect("poster");
        return plugin.publisher();
    }

    @Override
    protected AccountAccess access() {
        return access;
    }

    @Override
    protected PlatformCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    protected PostRequest.Media attachableImage(String altText) {
        var image = TestMedia.jpeg(dir, "p.jpg", 40, 30);
        var ref = plugin.transport().upload(TestUploadContext.builder(image, access).altText(altText).build());
        return new PostRequest.Media(ref.value(), image.type(), altText);
    }

    @Override
    protected Optional<StoredPost> readBack(RemotePost post) {
        return read(server(), post.id()).map(BlueskyPostPublisherContract::stored);
    }

    @Override
    protected String storedMediaId(PostRequest.Media media) {
        return BlobRef.decode(media.ref()).cid();
    }

    /** A well-formed blob whose content id the server never received. */
    @Override
    protected String unknownMediaRef() {
        return "{\"blob\":{\"$type\":\"blob\",\"ref\":{\"$link\":\"bafkreia4a2zll4ryfprdhxrp3zguu4wlfq62abo7uvpjgzwlms"
                + "jtygpcoi\"},\"mimeType\":\"image/png\",\"size\":108}}";
    }

    @Override
    protected TokenSet invalidCredentials() {
        return new TokenSet(TestJwts.forged(access.accessToken()), null, null, null, access.credentials().extra(), 0);
    }

    @Override
    protected Map<String, String> validOptions() {
        return Map.of("langs", "en,fr");
    }

    @Override
    protected Instant now() {
        return Instant.now();
    }

    @Test
    void thePostLinkNamesTheHandleAndTheKey() {
        PostRequest request = request(unique("Linked"), List.of(), null);

        RemotePost post = publisher.publish(access, request);

        assertThat(post.id()).isEqualTo("at://" + access.account().platformUserId() + "/app.bsky.feed.post/"
                + request.idempotencyKey());
        assertThat(post.url()).hasToString("https://bsky.app/profile/" + access.account().handle() + "/post/"
                + request.idempotencyKey());
    }

    /** The record of an {@code at://} URI, as the server holds it. */
    static Optional<JsonNode> read(BlueskyServer server, String uri) {
        String[] parts = uri.substring("at://".length()).split("/");
        Wire.Answer answer = new Wire(server.url()).getAnswer("com.atproto.repo.getRecord", null, Map.of("repo",
                parts[0], "collection", parts[1], "rkey", parts[2]));
        return answer.status() == 200 ? Optional.of(answer.body()) : Optional.empty();
    }

    static StoredPost stored(JsonNode found) {
        JsonNode value = found.path("value");
        List<String> media = new ArrayList<>();
        List<String> alts = new ArrayList<>();
        JsonNode embed = value.path("embed");
        for (JsonNode image : embed.path("images")) {
            media.add(image.path("image").path("ref").path("$link").asText());
            alts.add(image.path("alt").asText().isEmpty() ? null : image.path("alt").asText());
        }
        if (embed.has("video")) {
            media.add(embed.path("video").path("ref").path("$link").asText());
            alts.add(embed.path("alt").isTextual() ? embed.path("alt").asText() : null);
        }
        List<String> langs = new ArrayList<>();
        value.path("langs").forEach(l -> langs.add(l.asText()));
        JsonNode reply = value.path("reply");
        return new StoredPost(found.path("uri").asText(), value.path("text").asText(), media, alts,
                reply.path("parent").path("uri").isTextual() ? reply.path("parent").path("uri").asText() : null,
                reply.path("root").path("uri").isTextual() ? reply.path("root").path("uri").asText() : null,
                langs.isEmpty() ? Map.of() : Map.of("langs", String.join(",", langs)));
    }
}
