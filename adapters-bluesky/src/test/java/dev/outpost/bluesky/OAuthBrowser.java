package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A person at the real PDS's authorization page, in a test: opens the page (getting its device and CSRF cookies), signs
 * in with the account's password and consents through the page's own API (same-origin fetches with the CSRF header),
 * and returns the callback URL the browser would land on: the redirect URI with {@code code}, {@code state} and
 * {@code iss}.
 */
final class OAuthBrowser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/@atproto/oauth-provider/~api";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Signs in as {@code username} (whose DID is {@code did}) with {@code password} and consents; the callback URL. */
    URI consent(URI authorizationUrl, URI redirectUri, String username, String password, String did) {
        String origin = authorizationUrl.getScheme() + "://" + authorizationUrl.getRawAuthority();
        HttpResponse<String> page = send(HttpRequest.newBuilder(authorizationUrl).GET()
                .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document")
                .header("Sec-Fetch-Site", "cross-site").header("Accept", "text/html"));
        if (page.statusCode() != 200) {
            throw new IllegalStateException("the authorization page answered " + page.statusCode() + ": "
                    + page.body());
        }
        api(origin, authorizationUrl, "/sign-in", Map.of("locale", "en", "username", username, "password", password,
                "remember", true));
        JsonNode consented = api(origin, authorizationUrl, "/consent", Map.of("did", did));
        URI redirect = URI.create(consented.path("url").asText());
        Map<String, String> query = query(redirect);
        String params = query.entrySet().stream().filter(e -> !e.getKey().startsWith("redirect_"))
                .map(e -> e.getKey() + "=" + OAuthServer.enc(e.getValue())).collect(Collectors.joining("&"));
        return URI.create(redirectUri + (redirectUri.getRawQuery() == null ? "?" : "&") + params);
    }

    private JsonNode api(String origin, URI page, String endpoint, Map<String, Object> body) {
        try {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(origin + API + endpoint))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .header("Content-Type", "application/json").header("Origin", origin)
                    .header("Referer", page.toString()).header("Sec-Fetch-Mode", "same-origin")
                    .header("Sec-Fetch-Site", "same-origin").header("Sec-Fetch-Dest", "empty")
                    .header("x-csrf-token", cookies.getOrDefault("csrf-token", "")));
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(endpoint + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> answer = http.send(request.header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")
                    .build(), HttpResponse.BodyHandlers.ofString());
            for (String cookie : answer.headers().allValues("Set-Cookie")) {
                String pair = cookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
