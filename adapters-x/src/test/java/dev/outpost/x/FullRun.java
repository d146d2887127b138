package dev.outpost.x;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
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
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a user does through the plugin, against a sandbox: connect (consent, code exchange), refresh, upload an
 * image with alt text and a video in segments, post both, the second as a reply. Remembers every secret that passed,
 * for the log test.
 */
final class FullRun {
    final List<String> secrets = new ArrayList<>();
    final URI authorizationUrl;
    RemotePost imagePost;
    RemotePost videoPost;
    String imageId;
    String videoId;
    int videoSegments;

    FullRun(Sandbox sandbox, PlatformContext context, Path dir) {
        XPlatformPlugin plugin = new XPlatformPlugin();
        Authorizer authorizer = plugin.authorizer(context);
        MediaTransport media = plugin.mediaTransport(context);

        PendingAuthorization pending = PendingAuthorization.start("x", sandbox.redirectUri(), "test",
                sandbox.clock.instant(), new SecureRandom());
        SignInStart.Redirect redirect = (SignInStart.Redirect) authorizer.begin("oauth", Map.of(), pending);
        authorizationUrl = redirect.url();
        URI callback = Sandbox.consent(redirect.url());
        String code = callback.getRawQuery().replaceAll(".*(?:^|&)code=([^&]*).*", "$1");
        secrets.add(code);
        secrets.add(pending.verifier().value());
        Connection connection = authorizer.complete(redirect.pending(), Map.of("code", code,
                "state", pending.state()));
        remember(connection.credentials());
        AccountAccess first = new AccountAccess(sandbox.account(dev.outpost.xsandbox.SandboxUser.DEFAULT),
                connection.credentials());
        TokenSet tokens = authorizer.refresh(first);
        remember(tokens);
        AccountAccess access = new AccountAccess(first.account(), tokens);

        MediaFile image = TestMedia.jpeg(dir, "photo.jpg", 40, 30);
        imageId = media.upload(context(sandbox, image, access).altText("Noise, for a test").build()).value();

        MediaFile video = TestMedia.mp4(dir, "clip.mp4", 2 * Sandbox.CHUNK + 5000, 3);
        TestUploadContext upload = context(sandbox, video, access).build();
        videoId = media.upload(upload).value();
        videoSegments = upload.progress().get(0).parts();

        PostPublisher publisher = plugin.postPublisher(context);
        imagePost = publisher.publish(access, new PostRequest("A picture", List.of(new PostRequest.Media(imageId,
                image.type(), "Noise, for a test")), null, "key-1", Map.of()));
        videoPost = publisher.publish(access, new PostRequest("A clip", List.of(new PostRequest.Media(videoId,
                video.type(), null)), imagePost.replyRef(), "key-2", Map.of()));
        authorizer.revoke(access);
    }

    private static TestUploadContext.Builder context(Sandbox sandbox, MediaFile file, AccountAccess access) {
        return TestUploadContext.builder(file, access).clock(sandbox.clock).sleeper(sandbox.clock::advance);
    }

    private void remember(TokenSet tokens) {
        secrets.add(tokens.accessToken());
        secrets.add(tokens.refreshToken());
    }
}
