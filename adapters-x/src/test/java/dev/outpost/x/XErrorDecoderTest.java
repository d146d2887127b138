package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PlatformException.Forbidden.Reason;
import feign.Request;
import feign.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** X's error answers as FACTS.md records them, mapped by the one error decoder. */
class XErrorDecoderTest {
    private static final String API = "https://api.x.com";
    private final XErrorDecoder decoder = new XErrorDecoder();

    @Test
    void rateLimitedCarriesTheResetInstant() {
        Exception e = decode("POST", "/2/media/upload/1/append", 429, """
                {"title":"Too Many Requests","type":"about:blank","status":429,"detail":"Too Many Requests"}""",
                Map.of("x-rate-limit-reset", List.of("1768472100")));

        assertThat(e).isInstanceOfSatisfying(PlatformException.RateLimited.class, r -> assertThat(r.resetAt())
                .contains(Instant.ofEpochSecond(1768472100)));
        assertThat(e.getMessage()).contains("429", "POST /2/media/upload/1/append", "Too Many Requests");
    }

    @Test
    void theV1StyleRateLimitBodyStillReads() {
        Exception e = decode("GET", "/2/users/me", 429, """
                {"errors":[{"code":88,"message":"Rate limit exceeded"}]}""", Map.of());

        assertThat(e).isInstanceOfSatisfying(PlatformException.RateLimited.class,
                r -> assertThat(r.resetAt()).isEmpty());
        assertThat(e.getMessage()).contains("Rate limit exceeded");
    }

    @Test
    void unauthorizedIsUnauthorized() {
        assertThat(decode("GET", "/2/users/me", 401, """
                {"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}""", Map.of()))
                .isInstanceOf(PlatformException.Unauthorized.class);
    }

    @Test
    void duplicateContentIsForbiddenWithItsReason() {
        Exception e = decode("POST", "/2/tweets", 403, """
                {"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank",\
                "title":"Forbidden","status":403}""", Map.of());

        assertThat(e).isInstanceOfSatisfying(PlatformException.Forbidden.class,
                f -> assertThat(f.reason()).isEqualTo(Reason.DUPLICATE_CONTENT));
        assertThat(e.getMessage()).contains("duplicate content");
    }

    @Test
    void aBareForbiddenOnMediaMeansTheMediaScopeIsMissing() {
        assertThat(decode("POST", "/2/media/upload/initialize", 403, """
                {"title":"Forbidden","type":"about:blank","status":403,"detail":"Forbidden"}""", Map.of()))
                .isInstanceOfSatisfying(PlatformException.Forbidden.class,
                        f -> assertThat(f.reason()).isEqualTo(Reason.MISSING_SCOPE));
        assertThat(decode("POST", "/2/tweets", 403, """
                {"title":"Unsupported Authentication","type":"https://api.twitter.com/2/problems/unsupported-authentication",\
                "status":403,"detail":"Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint."}""",
                Map.of())).isInstanceOfSatisfying(PlatformException.Forbidden.class,
                        f -> assertThat(f.reason()).isEqualTo(Reason.MISSING_SCOPE));
        assertThat(decode("POST", "/2/tweets", 403, """
                {"title":"Forbidden","type":"about:blank","status":403,"detail":"Forbidden"}""", Map.of()))
                .isInstanceOfSatisfying(PlatformException.Forbidden.class,
                        f -> assertThat(f.reason()).isEqualTo(Reason.OTHER));
    }

    @Test
    void invalidRequestKeepsXsDetailAndMessages() {
        Exception e = decode("POST", "/2/tweets", 400, """
                {"errors":[{"parameters":{"media.media_ids":["1"]},"message":"Your media IDs are invalid."}],\
                "title":"Invalid Request","detail":"One or more parameters to your request was invalid.",\
                "type":"https://api.twitter.com/2/problems/invalid-request"}""", Map.of());

        assertThat(e).isInstanceOfSatisfying(PlatformException.InvalidRequest.class,
                i -> assertThat(i.code()).isEqualTo("invalid-request"));
        assertThat(e.getMessage()).contains("One or more parameters", "Your media IDs are invalid.");
    }

    @Test
    void theTokenEndpointsOAuthErrorIsKept() {
        Exception e = decode("POST", "/2/oauth2/token", 400, """
                {"error":"invalid_request","error_description":"Value passed for the token was invalid."}""",
                Map.of());

        assertThat(e).isInstanceOfSatisfying(PlatformException.InvalidRequest.class,
                i -> assertThat(i.code()).isEqualTo("invalid_request"));
        assertThat(e.getMessage()).contains("Value passed for the token was invalid.");
        assertThat(decode("POST", "/2/oauth2/token", 401, """
                {"error":"unauthorized_client","error_description":"Missing valid authorization header"}""",
                Map.of())).isInstanceOf(PlatformException.Unauthorized.class)
                .hasMessageContaining("Missing valid authorization header");
    }

    @Test
    void payloadTooLargeWithAnEmptyBody() {
        Exception e = decode("POST", "/2/media/upload/1/append", 413, "", Map.of());

        assertThat(e).isInstanceOf(PlatformException.PayloadTooLarge.class);
        assertThat(e.getMessage()).contains("413", "(empty body)");
    }

    @Test
    void serverErrorsAreTransientForMediaAndAmbiguousForPosts() {
        assertThat(decode("POST", "/2/media/upload/1/finalize", 503, "{\"title\":\"Service Unavailable\"}",
                Map.of())).isInstanceOf(PlatformException.Transient.class);
        assertThat(decode("POST", "/2/tweets", 500, "{\"title\":\"Internal Server Error\"}", Map.of()))
                .isInstanceOf(PlatformException.Ambiguous.class).hasMessageContaining("may or may not exist");
    }

    @Test
    void anHtmlErrorPageGivesAShortReadableMessage() {
        String html = "<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head><body>"
                + "<h1>Bad Gateway</h1>" + "<p>padding</p>".repeat(200) + "</body></html>";

        Exception e = decode("GET", "/2/media/upload", 502, html, Map.of());

        assertThat(e).isInstanceOf(PlatformException.Transient.class);
        assertThat(e.getMessage()).contains("502", "GET /2/media/upload", "Bad Gateway").doesNotContain("<", "color")
                .hasSizeLessThan(400);
    }

    @Test
    void aTokenEchoedInAnErrorBodyIsNotRepeated() {
        Exception e = decode("POST", "/2/oauth2/token", 400,
                "oops refresh_token=c2VjcmV0LXJlZnJlc2g&x=1 Bearer c2VjcmV0LWFjY2Vzcw", Map.of());

        assertThat(e.getMessage()).doesNotContain("c2VjcmV0LXJlZnJlc2g", "c2VjcmV0LWFjY2Vzcw").contains("***");
    }

    private Exception decode(String method, String path, int status, String body,
            Map<String, Collection<String>> headers) {
        Request request = Request.create(Request.HttpMethod.valueOf(method), API + path, Map.of(), new byte[0],
                StandardCharsets.UTF_8, null);
        Response response = Response.builder().status(status).reason("").headers(headers).request(request)
                .body(body, StandardCharsets.UTF_8).build();
        return decoder.decode("X#call()", response);
    }
}
