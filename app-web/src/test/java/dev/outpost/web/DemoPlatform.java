package dev.outpost.web;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.PostOption;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.domain.post.TextLimit;
import dev.outpost.domain.post.TextMeasure;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.RemoteUser;
import dev.outpost.ports.platform.Rulebook;
import dev.outpost.ports.platform.Settlement;
import dev.outpost.ports.platform.SignInField;
import dev.outpost.ports.platform.SignInMethod;
import dev.outpost.ports.platform.SignInStart;
import dev.outpost.ports.platform.UploadContext;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A second platform for the web app's tests, in memory, shaped unlike X: a platform of many servers whose accounts
 * sign in with a form (a server, a handle and an app password) or by a redirect that first asks for the server;
 * two text limits (characters and bytes); two images at most and no video; a visibility and a content warning.
 * The web app must render all of it without knowing the platform.
 */
public final class DemoPlatform implements PlatformPlugin {
    static final String ID = "demo";
    static final String APP_PASSWORD = "demo-app-password-0123";
    static final int MAX_CHARACTERS = 500;
    static final int MAX_BYTES = 600;

    /** What was posted, by any app of this JVM. */
    record DemoPost(String id, String text, List<String> media, List<String> altTexts, String replyTo,
            Map<String, String> options, String idempotencyKey) {
    }

    static final List<DemoPost> POSTS = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Demo Social";
    }

    static PlatformRules rules(String server) {
        return new PlatformRules("Demo Social (" + server + ")",
                List.of(new TextLimit("characters", TextMeasure.CODE_POINTS, MAX_CHARACTERS),
                        new TextLimit("bytes", TextMeasure.UTF8_BYTES, MAX_BYTES)),
                List.of(Map.of(MediaKind.IMAGE, 2)), Map.of(MediaKind.IMAGE, 1L << 20),
                Set.of(MediaType.PNG, MediaType.JPEG), 100,
                List.of(PostOption.choice("visibility", "Visibility", "Who sees the post",
                                List.of("public", "unlisted", "private")),
                        PostOption.text("warning", "Content warning", "Shown before the post", 100)));
    }

    @Override
    public Rulebook rulebook(PlatformContext context) {
        return new Rulebook() {
            @Override
            public PlatformRules rules(Account account) {
                return DemoPlatform.rules(account.home().map(URI::getHost).orElse("demo.example"));
            }

            @Override
            public PlatformRules defaults() {
                return DemoPlatform.rules("demo.example");
            }
        };
    }

    @Override
    public Authorizer authorizer(PlatformContext context) {
        SignInField server = new SignInField("server", "Server", "Your server's address, such as demo.example", false,
                true, null);
        return new Authorizer() {
            @Override
            public List<SignInMethod> signInMethods() {
                return List.of(new SignInMethod("app-password", "Sign in with an app password", false,
                                List.of(server, new SignInField("handle", "Handle", "", false, true, null),
                                        new SignInField("app-password", "App password", "Made in your settings", true,
                                                true, "DEMO_APP_PASSWORD"))),
                        new SignInMethod("browser", "Sign in on your server", true, List.of(server)));
            }

            @Override
            public SignInStart begin(String method, Map<String, String> fields, PendingAuthorization pending) {
                String host = fields.get("server").strip();
                if (method.equals("browser")) {
                    return new SignInStart.Redirect(URI.create("https://" + host + "/authorize?state="
                            + pending.state()), pending.withPluginState(host));
                }
                if (!APP_PASSWORD.equals(fields.get("app-password"))) {
                    throw new IllegalArgumentException("Demo Social refused the handle or the app password");
                }
                return new SignInStart.Connected(connection(host, fields.get("handle").strip()));
            }

            @Override
            public Connection complete(PendingAuthorization pending, Map<String, String> callback) {
                return connection(pending.pluginState(), "browser-" + callback.get("code"));
            }

            @Override
            public TokenSet refresh(AccountAccess access) {
                return access.credentials();
            }

            @Override
            public void revoke(AccountAccess access) {
            }
        };
    }

    private static Connection connection(String host, String handle) {
        return new Connection(host + ":" + handle, new RemoteUser(handle + "-id", handle, "Demo " + handle),
                URI.create("https://" + host), TokenSet.issued("demo-token-" + UUID.randomUUID(), null, null,
                        Set.of("write")));
    }

    @Override
    public MediaTransport mediaTransport(PlatformContext context) {
        return (UploadContext upload) -> {
            upload.started(1, 0);
            String id = upload.call("send the file", true, access -> "demo-media-" + UUID.randomUUID());
            upload.acknowledged(upload.file().size(), 1, 1);
            return new MediaRef(id, null);
        };
    }

    @Override
    public PostPublisher postPublisher(PlatformContext context) {
        return new PostPublisher() {
            @Override
            public RemotePost publish(AccountAccess access, PostRequest request) {
                String id = Long.toString(System.nanoTime());
                POSTS.add(new DemoPost(id, request.text(), request.mediaRefs(), request.media().stream()
                        .map(PostRequest.Media::altText).toList(), request.replyTo(), request.options(),
                        request.idempotencyKey()));
                return new RemotePost(id, URI.create(access.account().server() + "/@" + access.account().handle()
                        + "/" + id), null);
            }

            @Override
            public Settlement settle(AccountAccess access, PostRequest request, Instant since) {
                return POSTS.stream().filter(p -> p.idempotencyKey().equals(request.idempotencyKey())).findFirst()
                        .<Settlement>map(p -> new Settlement.Found(new RemotePost(p.id(), null, null)))
                        .orElse(new Settlement.Absent(null));
            }

            @Override
            public boolean deduplicates() {
                return true;
            }
        };
    }
}
