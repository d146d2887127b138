package dev.outpost.xsandbox;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Everything one running sandbox holds, shared by its routes. */
final class SandboxRuntime {
    final SandboxConfig config;
    final IdSource ids;
    final Authorizations authorizations;
    final MediaLibrary media;
    final Faults faults;
    final RateLimits rateLimits;
    final RequestLog requestLog = new RequestLog();
    TweetRoutes tweets;
    private volatile boolean autoApprove;
    private volatile boolean rejectEarlyStatusPolls;

    SandboxRuntime(SandboxConfig config, Path spoolDir) {
        this.config = config;
        this.ids = new IdSource(config.clock());
        this.authorizations = new Authorizations(config);
        this.media = new MediaLibrary(config, ids, spoolDir);
        this.faults = new Faults(config);
        this.rateLimits = new RateLimits(config);
        this.autoApprove = config.autoApprove();
        this.rejectEarlyStatusPolls = config.rejectEarlyStatusPolls();
    }

    Instant now() {
        return config.clock().instant();
    }

    boolean autoApprove() {
        return autoApprove;
    }

    void autoApprove(boolean on) {
        autoApprove = on;
    }

    boolean rejectEarlyStatusPolls() {
        return rejectEarlyStatusPolls;
    }

    void rejectEarlyStatusPolls(boolean on) {
        rejectEarlyStatusPolls = on;
    }

    /** 403 in X's about:blank shape when the token lacks a scope (FACTS §4). */
    void requireScopes(Call call, String... scopes) {
        for (String scope : scopes) {
            if (call.grant == null || !call.grant.has(scope)) {
                throw ApiProblem.forbidden();
            }
        }
    }

    SandboxState state() {
        // A view shows the content hash, which processing (running after FINALIZE) computes: wait for it.
        media.all().forEach(MediaLibrary::awaitAssembled);
        Instant now = now();
        List<MediaView> mediaViews = media.all().stream()
                .map(m -> m.view(now, config.processingDuration()))
                .sorted(Comparator.comparing(MediaView::id, TweetRoutes::compareIds))
                .toList();
        return new SandboxState(List.copyOf(tweets.posts), mediaViews, List.copyOf(authorizations.events),
                faults.rules(), requestLog.all());
    }

    void reset() {
        tweets.posts.clear();
        media.clear();
        authorizations.reset();
        faults.clear();
        rateLimits.clear();
        requestLog.clear();
        autoApprove = config.autoApprove();
        rejectEarlyStatusPolls = config.rejectEarlyStatusPolls();
    }
}
