package dev.outpost.mastodon;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * A Mastodon server's address as the user types it ({@code mastodon.social}, {@code https://mastodon.social/},
 * {@code @alice@mastodon.social}) made into its base URL: https, a host, a port only when not the default, no path.
 * Plain HTTP is taken for loopback servers (a sandbox) or when allowed by setting.
 */
final class ServerAddress {
    private ServerAddress() {
    }

    /** @throws IllegalArgumentException naming the {@code server} field when the text is no server's address */
    static URI parse(String typed, boolean allowHttp) {
        if (typed == null || typed.isBlank()) {
            throw new IllegalArgumentException("server: name your Mastodon server, such as mastodon.social");
        }
        String text = typed.strip();
        int at = text.lastIndexOf('@');
        if (!text.contains("://") && at >= 0) {
            text = text.substring(at + 1); // a handle such as @alice@mastodon.social names its server
        }
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("server: '" + typed + "' is not a server's address", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || !host.matches("[a-z0-9.\\[\\]:-]+") || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("server: '" + typed + "' is not a server's address");
        }
        if (scheme.equals("http") && !allowHttp && !loopback(host)) {
            throw new IllegalArgumentException("server: " + host + " must be reached over https");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("server: '" + typed + "' is not an http(s) address");
        }
        int port = uri.getPort();
        boolean defaultPort = port < 0 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return URI.create(scheme + "://" + host + (defaultPort ? "" : ":" + port));
    }

    /** The server as account ids and vault keys name it: its host, with the port when it is not the default. */
    static String name(URI server) {
        return server.getPort() < 0 ? server.getHost() : server.getHost() + ":" + server.getPort();
    }

    private static boolean loopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return host.matches("[0-9.]+|\\[[0-9a-f:]+\\]") && InetAddress.getByName(host.replace("[", "")
                    .replace("]", "")).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
