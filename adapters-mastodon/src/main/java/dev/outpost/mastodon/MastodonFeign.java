package dev.outpost.mastodon;

import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.Retryer;
import feign.Target;

/**
 * The Mastodon API client of one plugin instance, for every server: one HTTP client, the codec, the one error decoder,
 * the redacting logger at FULL (it writes only when {@code dev.outpost.mastodon.http} is at DEBUG), and no retries:
 * the core decides whether and when to repeat a request.
 */
final class MastodonFeign {
    private final MastodonSettings settings;
    private final MastodonApi api;

    MastodonFeign(MastodonSettings settings) {
        this.settings = settings;
        this.api = Feign.builder()
                .client(new MastodonHttpClient(settings.connectTimeout(), settings.readTimeout()))
                .encoder(new MastodonCodec())
                .decoder(new MastodonCodec())
                .errorDecoder(new MastodonErrorDecoder())
                .retryer(Retryer.NEVER_RETRY)
                .logger(new RedactingLogger())
                .logLevel(Logger.Level.FULL)
                .options(new Request.Options(settings.connectTimeout(), settings.readTimeout(), false))
                // Many servers: each call names its server (a URI argument), so the target has none.
                .target(Target.EmptyTarget.create(MastodonApi.class));
    }

    MastodonSettings settings() {
        return settings;
    }

    MastodonApi api() {
        return api;
    }
}
