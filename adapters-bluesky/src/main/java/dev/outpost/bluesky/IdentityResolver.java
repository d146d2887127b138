package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Finds where an account lives: a handle resolves to a DID (the DNS TXT record {@code _atproto.<handle>}, then
 * {@code https://<handle>/.well-known/atproto-did}), and the DID's document names its PDS ({@code did:plc} through the
 * PLC directory, {@code did:web} through its well-known {@code did.json}). Thread-safe.
 */
final class IdentityResolver {
    private static final Pattern HANDLE = Pattern.compile(
            "^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$");
    private static final Pattern DID = Pattern.compile("^did:[a-z]+:[a-zA-Z0-9._:%-]+$");

    private final HttpClient http;
    private final URI plcUrl;
    private final Function<String, List<String>> dnsTxt;
    private final Function<String, URI> wellKnownDid;

    IdentityResolver(URI plcUrl, Duration timeout) {
        this(plcUrl, timeout, IdentityResolver::txtRecords,
                handle -> URI.create("https://" + handle + "/.well-known/atproto-did"));
    }

    /** With the DNS look-up and the well-known address replaceable, for tests on loopback. */
    IdentityResolver(URI plcUrl, Duration timeout, Function<String, List<String>> dnsTxt,
            Function<String, URI> wellKnownDid) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.plcUrl = plcUrl;
        this.dnsTxt = dnsTxt;
        this.wellKnownDid = wellKnownDid;
    }

    static boolean isHandle(String value) {
        return value != null && value.length() <= 253 && HANDLE.matcher(value).matches();
    }

    static boolean isDid(String value) {
        return value != null && DID.matcher(value).matches();
    }

    /**
     * The DID of a handle.
     *
     * @throws IllegalArgumentException naming the handle when neither DNS nor its web server says
     */
    String did(String handle) {
        String name = handle.toLowerCase(Locale.ROOT);
        for (String txt : dnsTxt.apply("_atproto." + name)) {
            String value = txt.strip();
            if (value.startsWith("did=") && isDid(value.substring(4))) {
                return value.substring(4);
            }
        }
        URI wellKnown = wellKnownDid.apply(name);
        Optional<String> body = wellKnown == null ? Optional.empty() : get(wellKnown);
        String did = body.map(String::strip).orElse("");
        if (isDid(did)) {
            return did;
        }
        throw new IllegalArgumentException("handle: could not find the Bluesky account @" + handle + " (no _atproto "
                + "DNS record and no https://" + name + "/.well-known/atproto-did); check the handle, or give the "
                + "server's address");
    }

    /**
     * The PDS that a DID's document names.
     *
     * @throws IllegalArgumentException when the document cannot be read or names no PDS
     */
    URI pds(String did) {
        URI where;
        if (did.startsWith("did:plc:")) {
            where = URI.create(plcUrl.toString().replaceAll("/+$", "") + "/" + did);
        } else if (did.startsWith("did:web:")) {
            String host = did.substring("did:web:".length()).replace("%3A", ":").replace("%3a", ":");
            if (host.contains("/") || host.contains(":" + ":")) {
                throw new IllegalArgumentException("unsupported did:web " + did);
            }
            String scheme = host.startsWith("localhost") ? "http" : "https";
            where = URI.create(scheme + "://" + host + "/.well-known/did.json");
        } else {
            throw new IllegalArgumentException("unsupported kind of DID: " + did);
        }
        String doc = get(where).orElseThrow(() -> new IllegalArgumentException("could not read the DID document of "
                + did + " at " + where.getHost()));
        try {
            return pdsOf(Xrpc.JSON.readTree(doc)).orElseThrow(() -> new IllegalArgumentException("the DID document "
                    + "of " + did + " names no Bluesky server (#atproto_pds)"));
        } catch (IOException e) {
            throw new IllegalArgumentException("the DID document of " + did + " is not JSON", e);
        }
    }

    /** The {@code #atproto_pds} service endpoint of a DID document, when it names one. */
    static Optional<URI> pdsOf(JsonNode didDoc) {
        for (JsonNode service : didDoc.path("service")) {
            String id = service.path("id").asText("");
            if (id.endsWith("#atproto_pds") && service.path("serviceEndpoint").isTextual()) {
                try {
                    return Optional.of(BlueskySettings.uri("serviceEndpoint", service.get("serviceEndpoint")
                            .asText()));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> get(URI uri) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length > 64 * 1024) {
                return Optional.empty();
            }
            return Optional.of(new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** TXT records by JNDI's DNS provider; none when it is missing or the name has none. */
    static List<String> txtRecords(String name) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        List<String> out = new ArrayList<>();
        try {
            DirContext dns = new InitialDirContext(env);
            try {
                Attributes attributes = dns.getAttributes(name, new String[] {"TXT"});
                Attribute txt = attributes.get("TXT");
                if (txt != null) {
                    NamingEnumeration<?> values = txt.getAll();
                    while (values.hasMore()) {
                        out.add(String.valueOf(values.next()).replace("\"", ""));
                    }
                }
            } finally {
                dns.close();
            }
        } catch (NamingException | RuntimeException e) {
            // no provider, no record, no network: the well-known address is next
        }
        return out;
    }
}
