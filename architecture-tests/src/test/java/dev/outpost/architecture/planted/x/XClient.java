package dev.outpost.architecture.planted.x;

import feign.Client;

/** Obeys the Feign rule: Feign belongs here. */
public final class XClient {
    public Client client() {
        return new Client.Default(null, null);
    }
}
