package dev.outpost.x;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.RemoteUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Asks the sandbox's {@code GET /2/users/me} with a plain HTTP client, behind the plugin's back. */
final class Whois {
    private Whois() {
    }

    static RemoteUser ask(Sandbox sandbox, AccountAccess access) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(sandbox.x.baseUrl() + "/2/users/me"))
                    .header("Authorization", "Bearer " + access.accessToken()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 401) {
                throw new PlatformException.Unauthorized("the sandbox refused the token");
            }
            JsonNode user = XJson.MAPPER.readTree(answer.body()).path("data");
            return new RemoteUser(user.path("id").asText(), user.path("username").asText(),
                    user.path("name").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
