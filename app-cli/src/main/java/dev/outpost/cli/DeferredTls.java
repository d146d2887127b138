package dev.outpost.cli;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK's default TLS context, made when the first TLS connection needs it instead of when an HTTP client is made.
 * Every plugin makes its HTTP client as a command starts, and making the default context (its cipher suites, the
 * whole trust store: about 140 certificates) took 0.1 s of each short command, also of those that talk plain HTTP
 * (the sandboxes, a server on loopback) or nothing at all. Once made, it is the JDK's own "Default" context, with
 * every {@code javax.net.ssl.*} setting: the same certificates trusted, the same host name checks.
 */
final class DeferredTls extends SSLContext {
    private static final Provider PROVIDER = new Provider("OutpostDeferredTls", "1",
            "the JDK's default TLS context, made at its first use") {
        private static final long serialVersionUID = 1L;
    };

    private final Deferred spi;

    private DeferredTls(Deferred spi) {
        super(spi, PROVIDER, "Default");
        this.spi = spi;
    }

    static DeferredTls create() {
        return new DeferredTls(new Deferred());
    }

    /** Makes a deferred context the process's default, which HTTP clients made afterwards use. */
    static void install() {
        SSLContext.setDefault(create());
    }

    /** Whether a TLS connection has needed the real context yet. */
    boolean made() {
        return spi.platform != null;
    }

    private static final class Deferred extends SSLContextSpi {
        private volatile SSLContext platform;

        private SSLContext platform() {
            SSLContext made = platform;
            if (made == null) {
                synchronized (this) {
                    if (platform == null) {
                        try {
                            platform = SSLContext.getInstance("Default");
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException("the JDK has no default TLS context: " + e.getMessage(), e);
                        }
                    }
                    made = platform;
                }
            }
            return made;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random)
                throws KeyManagementException {
            throw new KeyManagementException("the default TLS context is initialized by the JDK");
        }

        /**
         * Before the real context is made: the protocols it enables by default ({@code jdk.tls.client.protocols}, else
         * TLS 1.3 and 1.2), and no cipher suites, which leaves each connection the context's defaults. An HTTP client
         * reads these when it is made, to copy onto its connections and to see that HTTP/2 may be offered.
         */
        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            SSLContext made = platform;
            if (made != null) {
                return made.getDefaultSSLParameters();
            }
            SSLParameters parameters = new SSLParameters();
            parameters.setProtocols(clientProtocols());
            return parameters;
        }

        private static String[] clientProtocols() {
            String configured = System.getProperty("jdk.tls.client.protocols", "").replace("\"", "").trim();
            if (configured.isEmpty()) {
                return new String[] {"TLSv1.3", "TLSv1.2"};
            }
            return Arrays.stream(configured.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                    .toArray(String[]::new);
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return platform().getSupportedSSLParameters();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return platform().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return platform().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return platform().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return platform().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return platform().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return platform().getClientSessionContext();
        }
    }
}
