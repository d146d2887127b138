package dev.outpost.architecture.planted.mastodon;

import feign.Client;

/** Obeys the Feign and adapter rules: Feign belongs here, and it uses no other adapter. */
public final class MastodonClient {
    public Client client() {
        return new Client.Default(null, null);
    }
}
