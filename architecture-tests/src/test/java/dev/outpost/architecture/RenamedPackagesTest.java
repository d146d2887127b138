package dev.outpost.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fail-on-empty-should is on for every rule: a rule over packages that hold no classes (as after a rename) fails
 * instead of passing vacuously.
 */
class RenamedPackagesTest {
    /** The rules over a root where nothing lives, evaluated on classes that do exist elsewhere. */
    private static final OutpostRules MOVED_AWAY = new OutpostRules("dev.outpost.renamed", spi -> java.util.Set.of());
    private static final JavaClasses SOME_CLASSES = new ClassFileImporter()
            .importPackages(PlantedViolationsTest.PLANTED);

    static Stream<String> ruleNames() {
        return MOVED_AWAY.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleNames")
    void aRuleThatChecksNothingFails(String rule) {
        assertThatThrownBy(() -> MOVED_AWAY.all().get(rule).evaluate(SOME_CLASSES)).as(rule)
                .isInstanceOf(AssertionError.class).hasMessageContaining("failed to check any classes");
    }
}
