package dev.outpost.architecture.planted.domain.alpha;

import dev.outpost.architecture.planted.domain.beta.Beta;

/** Violation, with Beta: a package cycle inside one module, which only the package-level rule sees. */
public final class Alpha {
    public Beta next() {
        return null;
    }
}
