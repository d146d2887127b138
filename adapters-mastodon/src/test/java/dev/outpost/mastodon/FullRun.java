package dev.outpost.mastodon;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.SignInStart;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import dev.outpost.mastodonsandbox.SandboxUser;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a user does through the plugin, against a sandbox: connect (discovery, registration, consent, code
 * exchange), upload an image with alt text and a video that processes, post both, the second as a reply, settle,
 * disconnect. Remembers every secret that passed, for the log test.
 */
final class FullRun {
    final List<String> secrets = new ArrayList<>();
    RemotePost imagePost;
    RemotePost videoPost;

    FullRun(Sandbox sandbox, PlatformContext context, Path dir) {
        MastodonPlatformPlugin plugin = new MastodonPlatformPlugin();
        Authorizer authorizer = plugin.authorizer(context);
        MediaTransport media = plugin.mediaTransport(context);
        PostPublisher publisher = plugin.postPublisher(context);
        plugin.rulebook(context).rules(sandbox.account(SandboxUser.DEFAULT));

        PendingAuthorization pending = PendingAuthorization.start("mastodon", sandbox.redirectUri(), "test",
                sandbox.clock.instant(), new SecureRandom());
        SignInStart.Redirect redirect = (SignInStart.Redirect) authorizer.begin("oauth", Map.of("server",
                sandbox.serverField()), pending);
        URI callback = Sandbox.consent(redirect.url());
        String code = Sandbox.query(callback).get("code");
        secrets.add(code);
        secrets.add(pending.verifier().value());
        sandbox.mastodon.apps().forEach(app -> secrets.add(app.clientSecret()));
        Connection connection = authorizer.complete(redirect.pending(), Map.of("code", code, "state",
                pending.state()));
        secrets.add(connection.credentials().accessToken());
        AccountAccess access = new AccountAccess(sandbox.account(SandboxUser.DEFAULT), connection.credentials());

        MediaFile image = TestMedia.jpeg(dir, "photo.jpg", 40, 30);
        String imageId = media.upload(context(sandbox, image, access).altText("Noise, for a test").build()).value();
        MediaFile video = TestMedia.mp4(dir, "clip.mp4", 1024 * 1024 + 5000, 3);
        String videoId = media.upload(context(sandbox, video, access).build()).value();

        Instant since = sandbox.clock.instant();
        imagePost = publisher.publish(access, new PostRequest("A picture", List.of(new PostRequest.Media(imageId,
                image.type(), "Noise, for a test")), null, "key-1", Map.of("visibility", "unlisted")));
        videoPost = publisher.publish(access, new PostRequest("A clip", List.of(new PostRequest.Media(videoId,
                video.type(), null)), imagePost.replyRef(), "key-2", Map.of()));
        publisher.settle(access, new PostRequest("A clip", List.of(), null, "key-2", Map.of()), since);
        authorizer.revoke(access);
        String imported = sandbox.mastodon.issueToken();
        secrets.add(imported);
        authorizer.importCredentials(Map.of("server", sandbox.serverField(), "access-token", imported));
    }

    private static TestUploadContext.Builder context(Sandbox sandbox, MediaFile file, AccountAccess access) {
        return TestUploadContext.builder(file, access).clock(sandbox.clock).sleeper(sandbox.clock::advance);
    }
}
