package dev.outpost.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Outpost's architecture rules, defined once over a package root so that the same rule objects check the real code
 * base ({@code dev.outpost}) and the deliberately broken classes under {@code dev.outpost.architecture.planted}.
 * The module packages below the root are Outpost's: {@code domain}, {@code ports}, {@code application}, the adapters
 * {@code x}, {@code mastodon}, {@code bluesky} and {@code storage}, the sandboxes {@code xsandbox},
 * {@code mastodonsandbox} and {@code blueskysandbox}, and the apps {@code cli} and {@code web}.
 */
final class OutpostRules {
    static final String PLATFORM_PLUGIN = "dev.outpost.ports.platform.PlatformPlugin";
    static final String STORAGE_PLUGIN = "dev.outpost.ports.storage.StoragePlugin";
    /** Every adapter module's package, and every emulator's. */
    static final List<String> ADAPTERS = List.of("x", "mastodon", "bluesky", "storage");
    static final List<String> SANDBOXES = List.of("xsandbox", "mastodonsandbox", "blueskysandbox");

    /** JDK packages the core must not use although they are "the JDK": they are JDBC and HTTP. */
    private static final String[] JDK_INFRASTRUCTURE = {"java.sql..", "javax.sql..", "java.net.http.."};

    /** Reading the time without a Clock: a fake clock cannot move these. */
    private static final Map<String, Set<String>> SYSTEM_TIME = Map.of(
            "java.time.Instant", Set.of("now"),
            "java.time.LocalDateTime", Set.of("now"),
            "java.time.LocalDate", Set.of("now"),
            "java.time.LocalTime", Set.of("now"),
            "java.time.ZonedDateTime", Set.of("now"),
            "java.time.OffsetDateTime", Set.of("now"),
            "java.time.OffsetTime", Set.of("now"),
            "java.time.Year", Set.of("now"),
            "java.lang.System", Set.of("currentTimeMillis", "nanoTime"),
            "java.time.Clock", Set.of("systemUTC", "systemDefaultZone", "system"));

    /** The system clock itself, which only a program's entry point should pick. */
    private static final Map<String, Set<String>> SYSTEM_CLOCK = Map.of(
            "java.time.Clock", Set.of("systemUTC", "systemDefaultZone", "system"));

    private final String root;
    private final Function<String, Set<String>> servicesListing;

    /**
     * @param root the package the modules live under
     * @param servicesListing the class names listed in {@code META-INF/services/<interface>}, by interface name
     */
    OutpostRules(String root, Function<String, Set<String>> servicesListing) {
        this.root = root;
        this.servicesListing = servicesListing;
    }

    /** Every rule by a short name; the tests run each against the real code and against the planted violations. */
    Map<String, ArchRule> all() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("domainDependsOnTheJdkOnly", domainDependsOnTheJdkOnly());
        rules.put("portsDependOnTheDomainOnly", portsDependOnTheDomainOnly());
        rules.put("applicationIsFrameworkFree", applicationIsFrameworkFree());
        ADAPTERS.forEach(adapter -> rules.put(adapter + "AdapterDependsOnNoOtherAdapterNorApp",
                adapterIsIndependent(adapter)));
        rules.put("sandboxDependsOnNoOutpostModule", sandboxDependsOnNoOutpostModule());
        rules.put("feignOnlyInTheXAndMastodonAdapters", libraryOnlyIn("feign..", "x", "mastodon"));
        rules.put("javalinOnlyInTheWebAppAndTheSandboxes", libraryOnlyIn("io.javalin..", "web", "xsandbox",
                "mastodonsandbox", "blueskysandbox"));
        rules.put("guiceOnlyInTheApps", libraryOnlyIn("com.google.inject..", "cli", "web"));
        rules.put("coreReadsTimeOnlyThroughAClock", coreReadsTimeOnlyThroughAClock());
        rules.put("systemClockOnlyAtEntryPoints", systemClockOnlyAtEntryPoints());
        rules.put("noImplManagerOrUtilNames", noImplManagerOrUtilNames());
        rules.put("noCyclesBetweenModules", noCyclesBetweenModules());
        rules.put("noCyclesBetweenPackages", noCyclesBetweenPackages());
        rules.put("pluginsAreDiscoverable", pluginsAreDiscoverable());
        rules.put("appsReachTheCoreOnlyThroughUseCases", appsReachTheCoreOnlyThroughUseCases());
        return rules;
    }

    private String module(String name) {
        return root + "." + name + "..";
    }

    private String[] modules(String... names) {
        return Stream.of(names).map(this::module).toArray(String[]::new);
    }

    ArchRule domainDependsOnTheJdkOnly() {
        return classes().that().resideInAPackage(module("domain"))
                .should().onlyDependOnClassesThat(jdkWithout(JDK_INFRASTRUCTURE).or(resideInAnyPackage(
                        module("domain"))))
                .because("the domain is the model and its pure rules: nothing but the JDK");
    }

    ArchRule portsDependOnTheDomainOnly() {
        return classes().that().resideInAPackage(module("ports"))
                .should().onlyDependOnClassesThat(jdkWithout(JDK_INFRASTRUCTURE).or(resideInAnyPackage(
                        modules("ports", "domain"))))
                .because("ports are interfaces the core owns: they speak the domain, never a technology");
    }

    ArchRule applicationIsFrameworkFree() {
        return classes().that().resideInAPackage(module("application"))
                .should().onlyDependOnClassesThat(jdkWithout(JDK_INFRASTRUCTURE).or(resideInAnyPackage(
                        modules("application", "domain", "ports"))).or(resideInAnyPackage("jakarta.inject..")))
                .because("use cases know no HTTP, JSON, SQL, Guice, Javalin or Feign; jakarta.inject annotations at"
                        + " most");
    }

    ArchRule adapterIsIndependent(String adapter) {
        List<String> others = Stream.concat(Stream.concat(ADAPTERS.stream(), SANDBOXES.stream()),
                Stream.of("application", "cli", "web")).filter(m -> !m.equals(adapter)).map(this::module).toList();
        return noClasses().that().resideInAPackage(module(adapter))
                .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                .because("an adapter is a plugin behind the ports: it must not reach into another adapter, the use"
                        + " cases or the apps");
    }

    ArchRule sandboxDependsOnNoOutpostModule() {
        List<String> outpost = Stream.concat(Stream.of("domain", "ports", "application", "cli", "web"),
                ADAPTERS.stream()).toList();
        return noClasses().that().resideInAnyPackage(modules(SANDBOXES.toArray(String[]::new)))
                .should().dependOnClassesThat().resideInAnyPackage(modules(outpost.toArray(String[]::new)))
                .because("an emulator must not share the client's understanding of its platform, or their mistakes"
                        + " would cancel out");
    }

    /** The stores and platform ports the use cases own: the apps call use cases instead. */
    static final List<String> CORE_OWNED_PORTS = List.of("storage.AccountStore", "storage.TokenStore",
            "storage.UploadJournal", "storage.PublicationStore", "storage.PendingAuthorizationStore",
            "storage.JobQueue", "storage.SecretVault", "storage.SavedDraftStore", "platform.Authorizer", "platform.MediaTransport",
            "platform.PostPublisher", "platform.Rulebook");

    ArchRule appsReachTheCoreOnlyThroughUseCases() {
        Set<String> owned = CORE_OWNED_PORTS.stream().map(name -> root + ".ports." + name)
                .collect(java.util.stream.Collectors.toSet());
        return noClasses().that().resideInAnyPackage(modules("cli", "web"))
                .should().dependOnClassesThat(new DescribedPredicate<>("are stores or platform ports "
                        + CORE_OWNED_PORTS) {
                    @Override
                    public boolean test(JavaClass javaClass) {
                        return owned.contains(javaClass.getName());
                    }
                })
                .because("the core is closed: the apps do what users ask through the use cases, which own the"
                        + " stores and the platforms (opening and closing the storage is the apps' own)");
    }

    ArchRule libraryOnlyIn(String libraryPackage, String... allowedModules) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackages(modules(allowedModules))
                .should().dependOnClassesThat().resideInAPackage(libraryPackage)
                .because(libraryPackage + " belongs to " + String.join(" and ", allowedModules) + " only");
    }

    ArchRule coreReadsTimeOnlyThroughAClock() {
        return noClasses().that().resideInAnyPackage(modules("domain", "ports", "application"))
                .should(callAnyOf("read the system time", SYSTEM_TIME))
                .because("time comes from an injected java.time.Clock, so tests move a fake clock instead of"
                        + " sleeping");
    }

    ArchRule systemClockOnlyAtEntryPoints() {
        // The sandbox is a program of its own (SandboxMain) and defaults its clock there, like the apps do.
        return noClasses().that().resideInAnyPackage(modules("domain", "ports", "application", "x", "mastodon",
                        "bluesky", "storage"))
                .should(callAnyOf("pick the system clock", SYSTEM_CLOCK))
                .because("only a program's entry point chooses the real clock; everything else receives one");
    }

    ArchRule noImplManagerOrUtilNames() {
        return noClasses().that().resideInAPackage(root + "..")
                .should().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Utils")
                .because("names explain themselves: technology + port, capability nouns, no grab-bags");
    }

    ArchRule noCyclesBetweenModules() {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    ArchRule noCyclesBetweenPackages() {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    ArchRule pluginsAreDiscoverable() {
        return classes().that().resideInAPackage(root + "..")
                .and(implementAnyOf(PLATFORM_PLUGIN, STORAGE_PLUGIN))
                .and().doNotHaveModifier(JavaModifier.ABSTRACT)
                .should().bePublic()
                .andShould().haveModifier(JavaModifier.FINAL)
                .andShould(haveAPublicNoArgConstructor())
                .andShould(beListedInServicesFiles())
                .because("the apps find plugins with ServiceLoader, outside Guice");
    }

    private static DescribedPredicate<JavaClass> jdkWithout(String... excluded) {
        return resideInAnyPackage("java..").and(DescribedPredicate.not(resideInAnyPackage(excluded)))
                .as("the JDK except " + String.join(", ", excluded));
    }

    private static DescribedPredicate<JavaClass> implementAnyOf(String... interfaces) {
        return new DescribedPredicate<>("implement " + String.join(" or ", interfaces)) {
            @Override
            public boolean test(JavaClass javaClass) {
                return !javaClass.isInterface() && Stream.of(interfaces).anyMatch(javaClass::isAssignableTo);
            }
        };
    }

    /** Calls and method references both count: {@code Instant::now} reads the time as surely as a call. */
    private static ArchCondition<JavaClass> callAnyOf(String what, Map<String, Set<String>> forbidden) {
        return new ArchCondition<>(what + " (" + forbidden + ")") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                Stream.concat(javaClass.getMethodCallsFromSelf().stream(),
                        javaClass.getMethodReferencesFromSelf().stream())
                        .filter(access -> isForbidden(access, forbidden))
                        .forEach(access -> events.add(SimpleConditionEvent.satisfied(access,
                                access.getDescription())));
            }
        };
    }

    private static boolean isForbidden(JavaCodeUnitAccess<?> access, Map<String, Set<String>> forbidden) {
        Set<String> names = forbidden.get(access.getTarget().getOwner().getName());
        return names != null && names.contains(access.getTarget().getName());
    }

    private static ArchCondition<JavaClass> haveAPublicNoArgConstructor() {
        return new ArchCondition<>("have a public no-argument constructor") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                boolean found = javaClass.getConstructors().stream().anyMatch(c -> c.getRawParameterTypes().isEmpty()
                        && c.getModifiers().contains(JavaModifier.PUBLIC));
                events.add(new SimpleConditionEvent(javaClass, found, javaClass.getName()
                        + (found ? " has" : " has no") + " public no-argument constructor"));
            }
        };
    }

    private ArchCondition<JavaClass> beListedInServicesFiles() {
        return new ArchCondition<>("be listed in META-INF/services under each plugin interface it implements") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (String spi : List.of(PLATFORM_PLUGIN, STORAGE_PLUGIN)) {
                    if (javaClass.isAssignableTo(spi)) {
                        boolean listed = servicesListing.apply(spi).contains(javaClass.getName());
                        events.add(new SimpleConditionEvent(javaClass, listed, javaClass.getName()
                                + (listed ? " is" : " is not") + " listed in META-INF/services/" + spi));
                    }
                }
            }
        };
    }
}
