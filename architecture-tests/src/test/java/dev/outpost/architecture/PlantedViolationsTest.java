package dev.outpost.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule, the very object {@link ArchitectureTest} applies to the code base, catches the violations planted for
 * it under {@code dev.outpost.architecture.planted}, and leaves the planted classes that obey it alone.
 */
class PlantedViolationsTest {
    static final String PLANTED = "dev.outpost.architecture.planted";
    private static final String PLUGINS = PLANTED + ".storage.plugins.";

    /** Every planted plugin but one is listed, so that each bad plugin breaks exactly one requirement. */
    private static final OutpostRules RULES = new OutpostRules(PLANTED, spi -> spi.equals(OutpostRules.STORAGE_PLUGIN)
            ? Set.of(PLUGINS + "WellFormedPlugin", PLUGINS + "NotFinalPlugin", PLUGINS + "NoDefaultConstructorPlugin",
                    PLUGINS + "PackagePrivatePlugin")
            : Set.of());

    private static final JavaClasses PLANTED_CLASSES = new ClassFileImporter().importPackages(PLANTED);

    /** Rule name, the planted classes it must report, and planted classes it must not. */
    static Stream<Arguments> plantedViolations() {
        return Stream.of(
                planted("domainDependsOnTheJdkOnly", List.of("domain.ReadsPortsFromDomain", "domain.DomainUsesJdbc"),
                        List.of("domain.CleanValue")),
                planted("portsDependOnTheDomainOnly", List.of("ports.PortUsesApplication"), List.of("ports.PlantedPort")),
                planted("applicationIsFrameworkFree", List.of("application.UseCaseUsesHttpClient",
                        "application.UseCaseUsesJavalin"), List.of("application.PlantedUseCase")),
                planted("xAdapterDependsOnNoOtherAdapterNorApp", List.of("x.XUsesStorage"), List.of("x.XClient")),
                planted("storageAdapterDependsOnNoOtherAdapterNorApp", List.of("storage.StorageUsesCli"),
                        List.of("storage.PlantedStore")),
                planted("sandboxDependsOnNoOutpostModule", List.of("xsandbox.SandboxUsesDomain"),
                        List.of("xsandbox.SandboxRoutes")),
                planted("mastodonAdapterDependsOnNoOtherAdapterNorApp", List.of("mastodon.MastodonUsesX"),
                        List.of("mastodon.MastodonClient")),
                planted("blueskyAdapterDependsOnNoOtherAdapterNorApp", List.of("bluesky.BlueskyUsesTheCore"),
                        List.of("bluesky.BlueskyClient")),
                planted("feignOnlyInTheXAndMastodonAdapters", List.of("storage.StorageUsesFeign"),
                        List.of("x.XClient", "mastodon.MastodonClient")),
                planted("javalinOnlyInTheWebAppAndTheSandboxes", List.of("application.UseCaseUsesJavalin"),
                        List.of("xsandbox.SandboxRoutes", "web.SessionManager")),
                planted("guiceOnlyInTheApps", List.of("storage.StorageUsesGuice"), List.of("cli.PlantedCommand")),
                planted("coreReadsTimeOnlyThroughAClock", List.of("domain.CallsInstantNow",
                        "domain.ReferencesLocalDateTimeNow", "application.CallsCurrentTimeMillis"),
                        List.of("domain.CleanValue")),
                planted("systemClockOnlyAtEntryPoints", List.of("storage.PicksSystemClock"),
                        List.of("cli.PlantedCommand", "xsandbox.SandboxRoutes")),
                planted("noImplManagerOrUtilNames", List.of("storage.JdbcStoreImpl", "web.SessionManager",
                        "domain.StringUtils"), List.of("storage.PlantedStore")),
                planted("noCyclesBetweenModules", List.of("cyclea.CycleA", "cycleb.CycleB"),
                        List.of("domain.alpha.Alpha")),
                planted("noCyclesBetweenPackages", List.of("domain.alpha.Alpha", "domain.beta.Beta",
                        "cyclea.CycleA"), List.of()),
                planted("appsReachTheCoreOnlyThroughUseCases", List.of("cli.CommandReadsTheStore",
                        "web.RouteCallsThePublisher"), List.of("cli.PlantedCommand")),
                planted("pluginsAreDiscoverable", List.of("storage.plugins.NotFinalPlugin",
                        "storage.plugins.NoDefaultConstructorPlugin", "storage.plugins.PackagePrivatePlugin",
                        "storage.plugins.UnlistedPlugin"), List.of("storage.plugins.WellFormedPlugin")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plantedViolations")
    void eachRuleCatchesItsPlantedViolations(String rule, List<String> offenders, List<String> bystanders) {
        EvaluationResult result = RULES.all().get(rule).evaluate(PLANTED_CLASSES);
        String report = String.join("\n", result.getFailureReport().getDetails());

        assertThat(result.hasViolation()).as("%s reports a violation", rule).isTrue();
        for (String offender : offenders) {
            assertThat(report).as("%s names %s", rule, offender).contains(PLANTED + "." + offender);
        }
        for (String bystander : bystanders) {
            // A trailing boundary, so that "CleanValue" does not match inside another name.
            assertThat(report).as("%s leaves %s alone", rule, bystander)
                    .doesNotContainPattern(java.util.regex.Pattern.quote(PLANTED + "." + bystander) + "\\b");
        }
    }

    @Test
    void everyRuleHasAPlantedViolation() {
        Set<String> covered = plantedViolations().map(a -> (String) a.get()[0])
                .collect(java.util.stream.Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrderElementsOf(RULES.all().keySet());
        assertThat(RULES.all().keySet()).isEqualTo(ArchitectureTest.RULES.all().keySet());
    }

    private static Arguments planted(String rule, List<String> offenders, List<String> bystanders) {
        return Arguments.of(rule, offenders, bystanders);
    }
}
