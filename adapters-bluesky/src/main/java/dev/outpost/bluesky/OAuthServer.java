package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.ports.platform.PlatformException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An atproto OAuth authorization server as a client sees it: found from the PDS ({@code
 * /.well-known/oauth-protected-resource}, then {@code /.well-known/oauth-authorization-server}), then PAR, the code
 * and refresh grants and revocation, each request with a DPoP proof and the server's latest nonce (the first answer
 * of a server is a 400 {@code use_dpop_nonce} that carries one: the request goes once more with it). OAuth errors
 * become {@code InvalidRequest} with the error code; the server's description is kept, never a token. Thread-safe.
 *
 * @param issuer the server's issuer, which callbacks must name
 */
record OAuthServer(URI issuer, URI parEndpoint, URI authorizationEndpoint, URI tokenEndpoint, URI revocationEndpoint) {
    static final String SCOPE = "atproto transition:generic";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    /** The authorization server of a PDS. */
    static OAuthServer of(URI pds) {
        JsonNode resource = getJson(resolve(pds, "/.well-known/oauth-protected-resource"));
        String issuer = resource.path("authorization_servers").path(0).asText("");
        if (issuer.isEmpty()) {
            throw new PlatformException.InvalidRequest("no-oauth", "the Bluesky server " + pds.getHost()
                    + " names no OAuth authorization server; sign in with an app password");
        }
        URI as = URI.create(issuer);
        JsonNode meta = getJson(resolve(as, "/.well-known/oauth-authorization-server"));
        if (!meta.path("issuer").asText().equals(issuer)) {
            throw new PlatformException.InvalidRequest("invalid-issuer", "the OAuth server of " + pds.getHost()
                    + " does not call itself " + issuer);
        }
        return new OAuthServer(as, uri(meta, "pushed_authorization_request_endpoint"),
                uri(meta, "authorization_endpoint"), uri(meta, "token_endpoint"),
                meta.hasNonNull("revocation_endpoint") ? uri(meta, "revocation_endpoint") : null);
    }

    /** Pushes an authorization request (PAR); its {@code request_uri}. */
    String push(Map<String, String> parameters, DpopKey key, Clock clock) {
        JsonNode answer = post(parEndpoint, parameters, key, clock);
        String requestUri = answer.path("request_uri").asText("");
        if (requestUri.isEmpty()) {
            throw new PlatformException.Transient("Bluesky's OAuth server answered no request_uri", null);
        }
        return requestUri;
    }

    /** The code or refresh grant: the token answer. */
    JsonNode token(Map<String, String> parameters, DpopKey key, Clock clock) {
        return post(tokenEndpoint, parameters, key, clock);
    }

    static JsonNode post(URI endpoint, Map<String, String> form, DpopKey key, Clock clock) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<byte[]> response = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                    .header("DPoP", key.proof("POST", endpoint, DpopNonces.SHARED.get(endpoint), null,
                            clock.instant()))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            response = send(request, endpoint);
            boolean learned = DpopNonces.SHARED.learn(endpoint, response.headers().firstValue("DPoP-Nonce")
                    .orElse(null));
            if (!(learned && error(response).path("error").asText().equals("use_dpop_nonce"))) {
                break;
            }
        }
        JsonNode json = error(response);
        if (response.statusCode() >= 200 && response.statusCode() < 300 && json.isObject()) {
            return json;
        }
        String code = json.path("error").asText("");
        String message = "Bluesky's OAuth server answered " + response.statusCode() + (code.isEmpty() ? "" : " "
                + code) + " to " + endpoint.getPath() + (json.hasNonNull("error_description") ? ": "
                        + json.get("error_description").asText() : "");
        if (response.statusCode() >= 500) {
            throw new PlatformException.Transient(message, null);
        }
        throw new PlatformException.InvalidRequest(code.isEmpty() ? Integer.toString(response.statusCode()) : code,
                message);
    }

    private static JsonNode getJson(URI uri) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json").GET().build(), uri);
        JsonNode json = error(response);
        if (response.statusCode() != 200 || !json.isObject()) {
            throw new PlatformException.InvalidRequest("no-oauth", "the Bluesky server at " + uri.getHost()
                    + " offers no browser sign-in (" + response.statusCode() + " for " + uri.getPath()
                    + "); sign in with an app password");
        }
        return json;
    }

    private static HttpResponse<byte[]> send(HttpRequest request, URI uri) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PlatformException.Transient("could not reach Bluesky's OAuth server at " + uri.getHost() + " ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException.Transient("interrupted while waiting for Bluesky's OAuth server", e);
        }
    }

    private static JsonNode error(HttpResponse<byte[]> response) {
        try {
            return response.body().length == 0 ? Xrpc.JSON.missingNode() : Xrpc.JSON.readTree(response.body());
        } catch (IOException e) {
            return Xrpc.JSON.missingNode();
        }
    }

    private static URI uri(JsonNode meta, String field) {
        String value = meta.path(field).asText("");
        if (value.isEmpty()) {
            throw new PlatformException.InvalidRequest("no-oauth", "Bluesky's OAuth metadata lacks " + field);
        }
        return URI.create(value);
    }

    private static URI resolve(URI base, String path) {
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
