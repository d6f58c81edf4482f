package dev.anvilcheck.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.apiguardian.api.API;

/** The shape of anvil-server-api, the artifact an app's production code depends on (CONVENTIONS 11-13, 16). */
@AnalyzeClasses(packages = {"dev.anvilcheck.python", "dev.anvilcheck.media", "dev.anvilcheck.server",
    "dev.anvilcheck.users", "dev.anvilcheck.secrets"}, importOptions = ImportOption.DoNotIncludeTests.class)
class ServerApiArchitectureTest {

    /** The packages of anvil-server-api. */
    static final String[] SERVER_API = {"dev.anvilcheck.python..", "dev.anvilcheck.media..", "dev.anvilcheck.server..",
        "dev.anvilcheck.users..", "dev.anvilcheck.secrets.."};

    @ArchTest
    static final ArchRule server_api_depends_on_nothing_but_the_jdk = noClasses()
            .should().dependOnClassesThat().resideOutsideOfPackages(concat(SERVER_API, "java..", "javax.annotation..",
                    "org.apiguardian.api.."))
            .because("an app's production code depends on anvil-server-api, so whatever it depends on would ship in"
                    + " every app (CONVENTIONS 16); the value model, the SPI, the wire codec and the uplink client"
                    + " build on it, never the other way round (apiguardian's @API is an optional dependency: annotations"
                    + " missing at run time are ignored)");

    @ArchTest
    static final ArchRule public_api_types_declare_their_status = classes()
            .that().arePublic().and().areTopLevelClasses().and().resideOutsideOfPackage("..internal..")
            .should().beAnnotatedWith(API.class)
            .because("users see from @API whether a type is STABLE or EXPERIMENTAL, and since which release,"
                    + " before they build on it (CONVENTIONS 12, 16)");

    @ArchTest
    static final ArchRule server_api_knows_nothing_of_junit = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.opentest4j..")
            .because("the API is framework-neutral; anvil-test-junit only adapts it (CONVENTIONS 11)");

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices().matching("dev.anvilcheck.(*)..")
            .should().beFreeOfCycles()
            .because("the API's packages layer cleanly: python <- media <- server <- users, secrets");

    @ArchTest
    static final ArchRule no_standard_streams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
            .because("library code reports through exceptions, never by printing (CONVENTIONS 13)");

    @ArchTest
    static final ArchRule no_java_util_logging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING
            .because("library code must not force a logging backend on users (CONVENTIONS 13)");

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
