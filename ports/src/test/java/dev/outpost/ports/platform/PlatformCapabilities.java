package dev.outpost.ports.platform;

import dev.outpost.domain.media.MediaKind;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a plugin under contract test declares about its platform, so that the contracts ask of each platform what it
 * promises and no more: one platform uploads in parts and resumes, another answers "processing" and is polled without
 * a hint, a third has no processing at all; one refuses duplicate text, another deduplicates by idempotency key.
 *
 * @param asynchronousKinds kinds whose upload waits for the platform's processing at least once (in the test's
 *     sandbox or fake)
 * @param processingHint whether processing waits carry the platform's "ask again after" hint (else: backoff)
 * @param resumesUploads whether an upload that died after a checkpoint continues from it without sending the bytes
 *     the platform acknowledged again
 * @param altTextWithUpload whether alt text travels with the upload ({@link UploadContext#altText()}) rather than
 *     with the post ({@link PostRequest.Media#altText()})
 * @param refusesDuplicateText whether the same text twice is refused as duplicate content
 * @param deduplicatesByKey whether sending a post again with the same idempotency key gives the same post
 * @param signInMethods the ids of the sign-in methods the authorizer offers
 * @param tokensExpire whether access tokens carry an expiry
 * @param refreshes whether credentials can be refreshed
 * @param oldRefreshTokenDies whether the refresh token used for a refresh stops working at once (false for a
 *     platform with a grace period, or without refresh)
 */
public record PlatformCapabilities(Set<MediaKind> asynchronousKinds, boolean processingHint, boolean resumesUploads,
        boolean altTextWithUpload, boolean refusesDuplicateText, boolean deduplicatesByKey, Set<String> signInMethods,
        boolean tokensExpire, boolean refreshes, boolean oldRefreshTokenDies) {
    public PlatformCapabilities {
        asynchronousKinds = asynchronousKinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(asynchronousKinds));
        signInMethods = Set.copyOf(Objects.requireNonNull(signInMethods, "signInMethods"));
        if (oldRefreshTokenDies && !refreshes) {
            throw new IllegalArgumentException("a refresh token that dies needs refresh");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every capability off; set what the platform does. */
    public static final class Builder {
        private Set<MediaKind> asynchronousKinds = Set.of();
        private boolean processingHint;
        private boolean resumesUploads;
        private boolean altTextWithUpload;
        private boolean refusesDuplicateText;
        private boolean deduplicatesByKey;
        private Set<String> signInMethods = Set.of();
        private boolean tokensExpire;
        private boolean refreshes;
        private boolean oldRefreshTokenDies;

        public Builder asynchronous(MediaKind... kinds) {
            this.asynchronousKinds = Set.of(kinds);
            return this;
        }

        public Builder processingHint(boolean value) {
            this.processingHint = value;
            return this;
        }

        public Builder resumesUploads(boolean value) {
            this.resumesUploads = value;
            return this;
        }

        public Builder altTextWithUpload(boolean value) {
            this.altTextWithUpload = value;
            return this;
        }

        public Builder refusesDuplicateText(boolean value) {
            this.refusesDuplicateText = value;
            return this;
        }

        public Builder deduplicatesByKey(boolean value) {
            this.deduplicatesByKey = value;
            return this;
        }

        public Builder signInMethods(String... ids) {
            this.signInMethods = Set.of(ids);
            return this;
        }

        public Builder tokensExpire(boolean value) {
            this.tokensExpire = value;
            return this;
        }

        public Builder refreshes(boolean value) {
            this.refreshes = value;
            return this;
        }

        public Builder oldRefreshTokenDies(boolean value) {
            this.oldRefreshTokenDies = value;
            return this;
        }

        public PlatformCapabilities build() {
            return new PlatformCapabilities(asynchronousKinds, processingHint, resumesUploads, altTextWithUpload,
                    refusesDuplicateText, deduplicatesByKey, signInMethods, tokensExpire, refreshes,
                    oldRefreshTokenDies);
        }
    }
}
