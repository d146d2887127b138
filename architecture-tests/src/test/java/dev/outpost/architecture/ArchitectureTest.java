package dev.outpost.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The real code base obeys every rule. {@link PlantedViolationsTest} proves each rule can fail. */
class ArchitectureTest {
    static final OutpostRules RULES = new OutpostRules("dev.outpost", ServicesFiles::listedOnClasspath);

    /** Production classes only: the planted violations live in this module's test classes. */
    private static final JavaClasses CODE_BASE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.outpost");

    private static final String PACKAGE_CYCLES = "noCyclesBetweenPackages";

    static Stream<String> ruleNames() {
        return RULES.all().keySet().stream().filter(name -> !name.equals(PACKAGE_CYCLES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleNames")
    void theCodeBaseObeys(String rule) {
        RULES.all().get(rule).check(CODE_BASE);
    }

    @Test
    void noPackageInsideAModuleFormsACycle() {
        RULES.all().get(PACKAGE_CYCLES).check(CODE_BASE);
    }

    /** A module missing from the classpath would make its rules vacuous; fail-on-empty-should guards the rest. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"domain", "ports", "application", "x", "mastodon", "bluesky", "storage", "xsandbox",
        "mastodonsandbox", "blueskysandbox", "cli", "web"})
    void everyModuleIsImported(String module) {
        String prefix = "dev.outpost." + module + ".";
        assertThat(CODE_BASE.stream().map(JavaClass::getName).filter(name -> name.startsWith(prefix)))
                .as("classes under %s", prefix).isNotEmpty();
    }

    @Test
    void plantedViolationsAreNotPartOfTheCodeBase() {
        assertThat(CODE_BASE.stream().map(JavaClass::getPackageName))
                .noneMatch(name -> name.startsWith(PlantedViolationsTest.PLANTED));
    }
}
