package dev.outpost.x;

import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.Retryer;

/**
 * Builds the Feign clients of one plugin instance: one HTTP client, the JSON/form/multipart codec, the one error
 * decoder, the redacting logger at FULL (it writes only when {@code dev.outpost.x.http} is at DEBUG), and no
 * retries: the core decides whether and when to repeat a request.
 */
final class XFeign {
    private final XSettings settings;
    private final XHttpClient client;
    private final XCodec codec = new XCodec();

    XFeign(XSettings settings) {
        this.settings = settings;
        this.client = new XHttpClient(settings.connectTimeout(), settings.readTimeout());
    }

    XSettings settings() {
        return settings;
    }

    <T> T client(Class<T> api) {
        return Feign.builder()
                .client(client)
                .encoder(codec)
                .decoder(codec)
                .errorDecoder(new XErrorDecoder())
                .retryer(Retryer.NEVER_RETRY)
                .logger(new RedactingLogger())
                .logLevel(Logger.Level.FULL)
                .options(new Request.Options(settings.connectTimeout(), settings.readTimeout(), false))
                .target(api, settings.apiUrl().toString());
    }
}
