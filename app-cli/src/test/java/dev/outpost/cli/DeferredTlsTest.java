package dev.outpost.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deferred TLS context: made only when a TLS connection needs it, then checking as the JDK's default does. */
class DeferredTlsTest {
    private static final String PASSWORD = "test-store-password";
    @TempDir
    static Path dir;
    private static Path keys;
    private static HttpsServer server;

    @BeforeAll
    static void serveHttpsWithASelfSignedCertificateForLocalhost() throws Exception {
        keys = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost", "-ext",
                "SAN=dns:localhost", "-validity", "2", "-keystore", keys.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD).redirectErrorStream(true).start();
        String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(said).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(store, PASSWORD.toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(managers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", exchange -> {
            byte[] body = "hello over TLS".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void plainHttpNeverMakesTheTlsContext() throws Exception {
        HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plain.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        plain.start();
        try {
            DeferredTls tls = DeferredTls.create();
            HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
            URI uri = URI.create("http://127.0.0.1:" + plain.getAddress().getPort() + "/");
            assertThat(client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(204);
            assertThat(tls.made()).isFalse();
        } finally {
            plain.stop(0);
        }
    }

    @Test
    void aCertificateTheTrustStoreDoesNotHoldIsRefused() throws Exception {
        DeferredTls tls = DeferredTls.create();
        HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(url("localhost")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX");
        assertThat(tls.made()).isTrue();
    }

    @Test
    void aTrustedCertificateIsAcceptedForItsHostName() throws Exception {
        assertThat(probe(url("localhost"))).isEqualTo("answered 200 hello over TLS");
    }

    @Test
    void aTrustedCertificateIsRefusedForAnotherHostName() throws Exception {
        // The certificate names localhost only: the same server reached as 127.0.0.1 fails the host name check.
        assertThat(probe(url("127.0.0.1"))).startsWith("failed SSLHandshakeException").contains("127.0.0.1");
    }

    private static URI url(String host) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort() + "/");
    }

    /**
     * The answer to a GET from another JVM that trusts the test's certificate: the JDK reads its trust store settings
     * once per process, so they cannot be changed for one test here.
     */
    private static String probe(URI uri) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djavax.net.ssl.trustStore=" + keys, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12", "-cp", classpath, DeferredTlsProbe.class.getName(),
                uri.toString()).redirectErrorStream(true).start();
        String said = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(java.waitFor()).as(said).isZero();
        return said;
    }
}
