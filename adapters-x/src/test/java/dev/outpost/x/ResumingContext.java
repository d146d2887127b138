package dev.outpost.x;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.TestUploadContext;
import dev.outpost.ports.platform.UploadContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** A {@link TestUploadContext} that hands the transport a checkpoint of the test's choosing, as a journal might. */
final class ResumingContext implements UploadContext {
    private final TestUploadContext delegate;
    private final UploadCheckpoint resumed;

    ResumingContext(TestUploadContext delegate, UploadCheckpoint resumed) {
        this.delegate = delegate;
        this.resumed = resumed;
    }

    @Override
    public MediaFile file() {
        return delegate.file();
    }

    @Override
    public String altText() {
        return delegate.altText();
    }

    @Override
    public int parallelism() {
        return delegate.parallelism();
    }

    @Override
    public Optional<UploadCheckpoint> resumed() {
        return Optional.of(resumed);
    }

    @Override
    public void checkpoint(UploadCheckpoint.Phase phase, String state, long bytesAcknowledged, Instant expiresAt) {
        delegate.checkpoint(phase, state, bytesAcknowledged, expiresAt);
    }

    @Override
    public <T> T call(String operation, boolean repeatable, Function<AccountAccess, T> request) {
        return delegate.call(operation, repeatable, request);
    }

    @Override
    public void started(int parts, long alreadyAcknowledged) {
        delegate.started(parts, alreadyAcknowledged);
    }

    @Override
    public void acknowledged(long bytesAcknowledged, int partsDone, int parts) {
        delegate.acknowledged(bytesAcknowledged, partsDone, parts);
    }

    @Override
    public void awaitProcessing(Duration hint, int percent) {
        delegate.awaitProcessing(hint, percent);
    }
}
