package dev.outpost.mastodonsandbox;

/** What the routes share: the configuration, the state, the faults and the request log. */
final class SandboxRuntime {
    final SandboxConfig config;
    final ServerState state;
    final Faults faults;
    final Pipeline.Requests requests = new Pipeline.Requests();
    volatile InstanceLimits limits;
    volatile boolean autoApprove;
    /** Set once the server listens: {@code http://host:port}. */
    volatile String baseUrl;

    SandboxRuntime(SandboxConfig config) {
        this.config = config;
        this.state = new ServerState(config.clock());
        this.faults = new Faults(config.processingPolls());
        config.faults().forEach(faults::add);
        this.limits = config.limits();
        this.autoApprove = config.autoApprove();
    }

    /** The server's domain as Mastodon names it ({@code host:port} here). */
    String domain() {
        return java.net.URI.create(baseUrl).getAuthority();
    }
}
