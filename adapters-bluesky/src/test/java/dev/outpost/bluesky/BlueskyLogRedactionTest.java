package dev.outpost.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A whole run with the plugin's logging at its most talkative: no password, token or key in any line or message. */
class BlueskyLogRedactionTest {
    @RegisterExtension
    static final Sandbox SANDBOX = new Sandbox();

    @TempDir
    Path dir;

    @Test
    void noSecretIsLoggedOrPutInAMessage() {
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger plugin = logs.getLogger("dev.outpost.bluesky");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        plugin.addAppender(captured);
        Level before = plugin.getLevel();
        plugin.setLevel(Level.ALL);
        List<String> messages = new ArrayList<>();
        Plugin bluesky = new Plugin(SANDBOX);
        BlueskyServer.TestAccount account = SANDBOX.createAccount("secretive");
        try {
            AccountAccess alice = bluesky.connect(account);
            var image = TestMedia.jpeg(dir, "s.jpg", 16, 16);
            MediaRef ref = bluesky.transport().upload(TestUploadContext.builder(image, alice).build());
            bluesky.publisher().publish(alice, new PostRequest("quiet", List.of(new PostRequest.Media(ref.value(),
                    image.type(), "alt")), null, bluesky.publisher().newIdempotencyKey(Instant.now(), new Random()),
                    Map.of()));
            TokenSet renewed = bluesky.authorizer().refresh(alice);
            try {
                bluesky.publisher().publish(Plugin.with(alice, new TokenSet(TestJwts.forged(alice.accessToken()),
                        null, null, null, alice.credentials().extra(), 0)), new PostRequest("no", List.of(), null,
                        "3kaaaaaaaaa22", Map.of()));
            } catch (PlatformException e) {
                messages.add(e.getMessage());
            }
            try {
                bluesky.authorizer().begin(BlueskyAuthorizer.APP_PASSWORD, Map.of("handle", account.handle(),
                        "app-password", "zzzz-zzzz-zzzz-zzzz", "service", SANDBOX.url().toString()),
                        Plugin.pending());
            } catch (PlatformException e) {
                messages.add(e.getMessage());
            }
            bluesky.authorizer().revoke(Plugin.with(alice, renewed));
            List<String> secrets = List.of(account.appPassword(), account.password(), "zzzz-zzzz-zzzz-zzzz",
                    alice.accessToken(), alice.credentials().refreshToken(), renewed.accessToken(),
                    renewed.refreshToken(), TestJwts.forged(alice.accessToken()));

            assertThat(captured.list).isNotEmpty();
            for (ILoggingEvent event : captured.list) {
                for (String secret : secrets) {
                    assertThat(event.getFormattedMessage()).doesNotContain(secret);
                }
            }
            assertThat(messages).hasSize(2).allSatisfy(m -> secrets.forEach(secret -> assertThat(m)
                    .doesNotContain(secret)));
            assertThat(alice.toString() + renewed).doesNotContain(renewed.accessToken());
        } finally {
            plugin.detachAppender(captured);
            plugin.setLevel(before);
        }
    }
}
