package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.xsandbox.Endpoint;
import dev.outpost.xsandbox.LoggedRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each request of a full run, as the sandbox logged it, checked against FACTS.md. */
class XWireTest {
    private final Sandbox sandbox = new Sandbox();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aConfidentialClientSpeaksXsProtocol() {
        FullRun run = new FullRun(sandbox, sandbox.context(), dir);

        List<LoggedRequest> token = requests(Endpoint.TOKEN);
        assertThat(token).hasSize(2).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/2/oauth2/token");
            assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded");
            assertThat(r.headers()).containsEntry("authorization", "Basic");
            assertThat(r.partNames()).doesNotContain("client_id", "client_secret");
            assertThat(r.status()).isEqualTo(200);
        });
        assertThat(token.get(0).partNames())
                .containsExactlyInAnyOrder("grant_type", "code", "redirect_uri", "code_verifier");
        assertThat(token.get(1).partNames()).containsExactlyInAnyOrder("grant_type", "refresh_token");
        assertThat(requests(Endpoint.REVOKE)).hasSize(2).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/2/oauth2/revoke");
            assertThat(r.headers()).containsEntry("authorization", "Basic");
            assertThat(r.partNames()).contains("token", "token_type_hint");
        });

        assertThat(requests(Endpoint.USERS_ME)).singleElement().satisfies(r -> bearer(r, "GET", "/2/users/me"));
        assertThat(requests(Endpoint.MEDIA_UPLOAD)).singleElement().satisfies(r -> {
            bearer(r, "POST", "/2/media/upload");
            assertThat(r.contentType()).startsWith("multipart/form-data");
            assertThat(r.partNames()).containsExactlyInAnyOrder("media_category", "media");
        });
        assertThat(requests(Endpoint.MEDIA_METADATA)).singleElement().satisfies(r -> {
            bearer(r, "POST", "/2/media/metadata");
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.partNames()).containsExactlyInAnyOrder("id", "metadata");
        });
        assertThat(requests(Endpoint.MEDIA_INITIALIZE)).singleElement().satisfies(r -> {
            bearer(r, "POST", "/2/media/upload/initialize");
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.partNames()).containsExactlyInAnyOrder("total_bytes", "media_type", "media_category");
        });
        assertThat(requests(Endpoint.MEDIA_APPEND)).hasSize(run.videoSegments).allSatisfy(r -> {
            bearer(r, "POST", "/2/media/upload/" + run.videoId + "/append");
            assertThat(r.contentType()).startsWith("multipart/form-data");
            assertThat(r.partNames()).containsExactlyInAnyOrder("segment_index", "media");
            assertThat(r.bodyBytesRead()).isLessThanOrEqualTo(Sandbox.CHUNK + 1024);
        });
        assertThat(requests(Endpoint.MEDIA_FINALIZE)).singleElement()
                .satisfies(r -> bearer(r, "POST", "/2/media/upload/" + run.videoId + "/finalize"));
        assertThat(requests(Endpoint.MEDIA_STATUS)).isNotEmpty().allSatisfy(r -> {
            bearer(r, "GET", "/2/media/upload");
            assertThat(r.query()).containsEntry("command", "STATUS").containsEntry("media_id", run.videoId);
            assertThat(r.status()).as("never polled before check_after_secs").isEqualTo(200);
        });
        assertThat(requests(Endpoint.TWEETS_CREATE)).hasSize(2).allSatisfy(r -> {
            bearer(r, "POST", "/2/tweets");
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.status()).isEqualTo(201);
        });
        assertThat(requests(Endpoint.TWEETS_CREATE).get(0).partNames()).containsExactlyInAnyOrder("text", "media");
        assertThat(requests(Endpoint.TWEETS_CREATE).get(1).partNames())
                .containsExactlyInAnyOrder("text", "media", "reply");
        assertThat(sandbox.x.posts()).extracting(p -> p.mediaIds())
                .containsExactly(List.of(run.imageId), List.of(run.videoId));
        assertThat(sandbox.x.state().media()).filteredOn(m -> m.id().equals(run.videoId)).singleElement()
                .satisfies(m -> assertThat(m.mediaCategory()).isEqualTo("tweet_video"));
    }

    @Test
    void aPublicClientSendsItsIdInTheBodyAndNoAuthorization() {
        sandbox.x.registerClient("outpost-public", null, sandbox.redirectUri().toString());

        new FullRun(sandbox, sandbox.context(Map.of(XSettings.CLIENT_ID, "outpost-public",
                XSettings.CLIENT_SECRET, "")), dir);

        assertThat(requests(Endpoint.TOKEN)).hasSize(2).allSatisfy(r -> {
            assertThat(r.headers()).doesNotContainKey("authorization");
            assertThat(r.partNames()).contains("client_id").doesNotContain("client_secret");
        });
        assertThat(requests(Endpoint.REVOKE)).allSatisfy(r -> assertThat(r.partNames()).contains("client_id"));
    }

    @Test
    void theAuthorizationUrlAsksForPkceS256AndTheMinimumScopes() {
        FullRun run = new FullRun(sandbox, sandbox.context(), dir);

        assertThat(run.authorizationUrl.toString()).startsWith(sandbox.x.authorizeUrl() + "?");

        assertThat(requests(Endpoint.AUTHORIZE)).first().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/i/oauth2/authorize");
            assertThat(r.query()).containsEntry("response_type", "code")
                    .containsEntry("code_challenge_method", "S256")
                    .containsEntry("scope", "tweet.read tweet.write users.read media.write offline.access")
                    .containsKeys("client_id", "redirect_uri", "state", "code_challenge");
        });
        assertThat(run.imagePost.url().toString()).isEqualTo("https://x.com/i/web/status/" + run.imagePost.id());
        assertThat(run.imagePost.replyRef()).isEqualTo(run.imagePost.id());
        assertThat(sandbox.x.posts()).filteredOn(p -> p.id().equals(run.videoPost.id())).singleElement()
                .satisfies(p -> assertThat(p.inReplyToTweetId()).isEqualTo(run.imagePost.id()));
    }

    private List<LoggedRequest> requests(Endpoint endpoint) {
        return sandbox.x.requests().forEndpoint(endpoint);
    }

    private static void bearer(LoggedRequest r, String method, String path) {
        assertThat(r.method()).isEqualTo(method);
        assertThat(r.path()).isEqualTo(path);
        assertThat(r.headers()).containsEntry("authorization", "Bearer");
        assertThat(r.status()).isBetween(200, 299);
    }
}
