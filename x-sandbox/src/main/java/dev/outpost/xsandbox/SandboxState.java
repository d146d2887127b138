package dev.outpost.xsandbox;

import java.util.List;

/** A snapshot of everything the sandbox holds, as {@code GET /__sandbox/state} shows it. */
public record SandboxState(List<Post> posts, List<MediaView> media, List<TokenEvent> tokenEvents,
                           List<Faults.RuleStatus> faultRules, List<LoggedRequest> requests) {

    /** How many refresh-token rotations happened. */
    public long tokenRotations() {
        return tokenEvents.stream().filter(e -> e.kind().equals("refreshed")).count();
    }

    public List<LoggedRequest> requestsTo(Endpoint endpoint) {
        return requests.stream().filter(r -> endpoint.key().equals(r.endpoint())).toList();
    }
}
