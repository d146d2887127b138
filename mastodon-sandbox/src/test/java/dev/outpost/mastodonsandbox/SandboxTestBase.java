package dev.outpost.mastodonsandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A fresh sandbox per test on a clock the test moves, its exchanges recorded and held to Mastodon's OpenAPI
 * description after each test (requests too, unless the test sends bad ones on purpose).
 */
abstract class SandboxTestBase {
    final MastodonApiSpec.Recorder recorder = new MastodonApiSpec.Recorder();
    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));
    MastodonSandbox sandbox;
    Http http;
    /** Set false in a test that sends requests the description forbids. */
    boolean checkRequests = true;

    UnaryOperator<SandboxConfig.Builder> configure() {
        return b -> b;
    }

    @BeforeEach
    void startSandbox() {
        sandbox = MastodonSandbox.start(configure().apply(SandboxConfig.builder().clock(clock)
                .exchangeObserver(recorder)).build());
        http = new Http(sandbox.baseUrl());
    }

    @AfterEach
    void stopAndValidate() {
        sandbox.close();
        MastodonApiSpec.assertAnswersMatchSpec(recorder, checkRequests);
    }
}
