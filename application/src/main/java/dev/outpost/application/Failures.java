package dev.outpost.application;

import dev.outpost.ports.platform.PlatformException;

/** Turns platform failures into the outcomes the apps present, in one place. */
final class Failures {
    private Failures() {
    }

    static OutpostException of(PlatformException e, String doing) {
        OutpostException.Kind kind;
        if (e instanceof PlatformException.Unauthorized) {
            kind = OutpostException.Kind.RECONNECT_NEEDED;
        } else if (e instanceof PlatformException.Forbidden || e instanceof PlatformException.InvalidRequest
                || e instanceof PlatformException.PayloadTooLarge || e instanceof PlatformException.RateLimited) {
            kind = OutpostException.Kind.REFUSED;
        } else if (e instanceof PlatformException.Ambiguous) {
            kind = OutpostException.Kind.UNCONFIRMED;
        } else {
            kind = OutpostException.Kind.FAILED;
        }
        return new OutpostException(kind, doing + " failed: " + e.getMessage(), e);
    }
}
