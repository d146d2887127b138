package dev.outpost.architecture.planted.mastodon;

import dev.outpost.architecture.planted.x.XClient;

/** Violation: one platform's adapter reuses another's client. */
public final class MastodonUsesX {
    public XClient borrowed() {
        return new XClient();
    }
}
