package dev.outpost.architecture.planted.domain.beta;

import dev.outpost.architecture.planted.domain.alpha.Alpha;

public final class Beta {
    public Alpha previous() {
        return null;
    }
}
