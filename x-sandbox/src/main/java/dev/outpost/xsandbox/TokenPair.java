package dev.outpost.xsandbox;

/** Tokens as the token endpoint returns them; {@code refreshToken} is null without {@code offline.access}. */
public record TokenPair(String accessToken, String refreshToken, long expiresInSeconds, String scope) {
    @Override
    public String toString() {
        // tokens are secrets: never print them, even in a test's failure message
        return "TokenPair[scope=" + scope + ", expiresIn=" + expiresInSeconds + "s, refresh=" + (refreshToken != null) + "]";
    }
}
