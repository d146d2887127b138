package dev.outpost.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PlatformVault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client Outpost registered on each server ({@code POST /api/v1/apps}), kept in the plugin's vault (encrypted,
 * shared by every process) under {@code client:<server> <redirect URI>}, and reused by every later sign-in there.
 * Mastodon has no developer portal: registering is how a client comes to exist on a server. Thread-safe.
 */
final class ClientRegistry {
    static final List<String> SCOPES = List.of("write:media", "write:statuses", "read:accounts");

    /** A registered client. Its {@link #toString()} hides the secret. */
    record Client(String key, String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "Client[" + key + ", id=" + clientId + ", secret=***]";
        }
    }

    private final MastodonFeign feign;
    private final PlatformVault vault;

    ClientRegistry(MastodonFeign feign, PlatformVault vault) {
        this.feign = feign;
        this.vault = vault;
    }

    static String key(URI server, URI redirectUri) {
        return "client:" + ServerAddress.name(server) + " " + redirectUri;
    }

    /** The client registered on {@code server} for {@code redirectUri}: kept, or registered now and kept. */
    Client client(URI server, URI redirectUri, URI registrationEndpoint) {
        String key = key(server, redirectUri);
        Optional<Client> kept = find(key);
        if (kept.isPresent()) {
            return kept.get();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_name", feign.settings().clientName());
        body.put("redirect_uris", List.of(redirectUri.toString()));
        body.put("scopes", String.join(" ", SCOPES));
        if (feign.settings().website() != null) {
            body.put("website", feign.settings().website());
        }
        JsonNode app = MastodonErrorDecoder.call(() -> feign.api().registerApp(registrationEndpoint, body));
        String id = MastodonJson.text(app, "client_id");
        String secret = MastodonJson.text(app, "client_secret");
        if (id == null || secret == null) {
            throw new PlatformException.Transient(ServerAddress.name(server) + " registered Outpost without "
                    + "giving a client id and secret", null);
        }
        // Another process may have registered at the same time: the first stored wins, for everyone.
        return decode(key, vault.putIfAbsent(key, encode(id, secret)));
    }

    Optional<Client> find(String key) {
        return vault.get(key).map(stored -> decode(key, stored));
    }

    /** Forgets a client the server no longer knows, so that the next sign-in registers again. */
    void forget(String key) {
        vault.delete(key);
    }

    private static String encode(String id, String secret) {
        try {
            return MastodonJson.MAPPER.writeValueAsString(Map.of("client_id", id, "client_secret", secret));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Client decode(String key, String stored) {
        try {
            JsonNode json = MastodonJson.MAPPER.readTree(stored);
            return new Client(key, json.path("client_id").asText(), json.path("client_secret").asText());
        } catch (IOException e) {
            throw new IllegalStateException("the vault holds an unreadable client registration under " + key, e);
        }
    }
}
