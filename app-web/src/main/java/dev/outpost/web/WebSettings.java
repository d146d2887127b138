package dev.outpost.web;

import dev.outpost.application.boot.OutpostConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How the web server runs, from {@code OUTPOST_WEB_*} keys.
 *
 * @param host the interface to bind; loopback by default, so a fresh install is not reachable from the network
 * @param port 7070 by default; 0 picks a free port (tests)
 * @param configuredBaseUrl the public URL people reach the app at (needed behind a proxy, and registered at the
 *     platforms as the prefix of their callbacks); empty means {@code http://host:port}
 * @param password the admin password from configuration, or empty to set one on first run
 * @param secureCookies whether cookies carry {@code Secure}; on when the base URL is https
 * @param sessionIdle how long a session lives without requests
 */
record WebSettings(String host, int port, Optional<URI> configuredBaseUrl, Optional<String> password,
        boolean secureCookies, Duration sessionIdle) {
    static final String HOST = "OUTPOST_WEB_HOST";
    static final String PORT = "OUTPOST_WEB_PORT";
    static final String BASE_URL = "OUTPOST_WEB_BASE_URL";
    static final String PASSWORD = "OUTPOST_WEB_PASSWORD";
    static final String SECURE_COOKIES = "OUTPOST_WEB_SECURE_COOKIES";
    static final String SESSION_IDLE_MINUTES = "OUTPOST_WEB_SESSION_IDLE_MINUTES";

    static WebSettings from(OutpostConfig config) {
        String host = config.get(HOST, "127.0.0.1");
        int port = parseInt(config.get(PORT, "7070"), PORT);
        Optional<URI> base = config.get(BASE_URL).map(v -> URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v));
        boolean secure = config.get(SECURE_COOKIES)
                .map(Boolean::parseBoolean)
                .orElse(base.map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(false));
        Duration idle = Duration.ofMinutes(parseInt(config.get(SESSION_IDLE_MINUTES, "720"), SESSION_IDLE_MINUTES));
        return new WebSettings(host, port, base, config.get(PASSWORD), secure, idle);
    }

    /** The base URL once the server listens on {@code actualPort}. */
    URI baseUrl(int actualPort) {
        return configuredBaseUrl.orElseGet(() -> URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host)
                + ":" + actualPort));
    }

    private static int parseInt(String value, String key) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return "WebSettings[host=" + host + ", port=" + port + ", baseUrl=" + configuredBaseUrl + ", password="
                + (password.isPresent() ? "configured" : "stored") + ", secureCookies=" + secureCookies + "]";
    }
}
