package dev.outpost.x;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.upload.ChunkPlan;
import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.domain.upload.RemoteMedia;
import dev.outpost.domain.upload.Segment;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.PublishedPost;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TransferListener;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a user does through the plugin, against a sandbox: connect (consent, code exchange), refresh, upload an
 * image with alt text and a video in segments, post both. Remembers every secret that passed, for the log test.
 */
final class FullRun {
    final List<String> secrets = new ArrayList<>();
    PublishedPost imagePost;
    PublishedPost videoPost;
    String imageId;
    String videoId;
    int videoSegments;

    FullRun(Sandbox sandbox, PlatformContext context, Path dir) {
        XPlatformPlugin plugin = new XPlatformPlugin();
        Authorizer authorizer = plugin.authorizer(context);
        MediaTransport media = plugin.mediaTransport(context);

        PendingAuthorization pending = PendingAuthorization.start("x", sandbox.redirectUri(), "test",
                sandbox.clock.instant(), new SecureRandom());
        URI callback = Sandbox.consent(authorizer.authorizationUrl(pending));
        String code = callback.getRawQuery().replaceAll(".*(?:^|&)code=([^&]*).*", "$1");
        secrets.add(code);
        secrets.add(pending.verifier().value());
        TokenSet first = authorizer.exchange(pending, code);
        remember(first);
        authorizer.currentUser(first.accessToken());
        TokenSet tokens = authorizer.refresh(first);
        remember(tokens);
        String access = tokens.accessToken();

        MediaFile image = TestMedia.jpeg(dir, "photo.jpg", 40, 30);
        imageId = media.upload(access, image, TransferListener.NONE).media().mediaId();
        media.describe(access, imageId, "Noise, for a test");

        MediaFile video = TestMedia.mp4(dir, "clip.mp4", 2 * Sandbox.CHUNK + 5000, 3);
        RemoteMedia remote = media.initialize(access, video);
        videoId = remote.mediaId();
        List<Segment> segments = ChunkPlan.of(video.size(), Sandbox.CHUNK).segments();
        videoSegments = segments.size();
        segments.forEach(s -> media.append(access, remote.mediaId(), s, video, TransferListener.NONE));
        ProcessingStatus status = media.finalizeUpload(access, remote.mediaId());
        while (!status.isDone()) {
            sandbox.clock.advance(status.checkAfter());
            status = media.status(access, remote.mediaId());
        }

        var publisher = plugin.postPublisher(context);
        imagePost = publisher.publish(access, new PostRequest("A picture", List.of(imageId), null));
        videoPost = publisher.publish(access, new PostRequest("A clip", List.of(videoId), imagePost.id()));
        authorizer.revoke(tokens);
    }

    private void remember(TokenSet tokens) {
        secrets.add(tokens.accessToken());
        secrets.add(tokens.refreshToken());
    }
}
