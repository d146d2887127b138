package dev.outpost.application;

import dev.outpost.domain.media.MediaKind;
import dev.outpost.ports.platform.fake.FakePlatform;
import dev.outpost.ports.platform.fake.MastodonShapedPlatform;
import dev.outpost.ports.platform.fake.ProcessingStep;
import dev.outpost.ports.platform.fake.XShapedPlatform;
import java.util.Arrays;
import java.util.stream.Stream;

/** Which shapes a reliability row applies to, and the few set-ups whose spelling differs by shape. */
final class Scenarios {
    private Scenarios() {
    }

    static Stream<Shape> shapes() {
        return Arrays.stream(Shape.values());
    }

    /** Shapes whose platform processes videos after upload, so that a run can die while it waits. */
    static Stream<Shape> shapesProcessingVideo() {
        return shapes().filter(s -> s.create(new dev.outpost.ports.platform.fake.FakeClock()).capabilities()
                .asynchronousKinds().contains(MediaKind.VIDEO));
    }

    /** Shapes whose credentials can be renewed. */
    static Stream<Shape> shapesThatRefresh() {
        return shapes().filter(s -> s.create(new dev.outpost.ports.platform.fake.FakeClock()).capabilities()
                .refreshes());
    }

    /** Shapes whose refresh token stops working as soon as it was used. */
    static Stream<Shape> shapesWhoseRefreshTokenDies() {
        return shapes().filter(s -> s.create(new dev.outpost.ports.platform.fake.FakeClock()).capabilities()
                .oldRefreshTokenDies());
    }

    /** Shapes whose platform refuses the same text twice. */
    static Stream<Shape> shapesRefusingDuplicates() {
        return shapes().filter(s -> s.create(new dev.outpost.ports.platform.fake.FakeClock()).capabilities()
                .refusesDuplicateText());
    }

    /** How the platform will process the next uploads. */
    static void processing(FakePlatform platform, ProcessingStep... steps) {
        if (platform instanceof XShapedPlatform x) {
            x.processingScript(steps);
        } else if (platform instanceof MastodonShapedPlatform m) {
            m.processingScript(steps);
        } else {
            throw new IllegalArgumentException("no processing script for " + platform.getClass().getSimpleName());
        }
    }
}
