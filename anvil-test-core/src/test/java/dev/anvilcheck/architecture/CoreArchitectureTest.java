package dev.anvilcheck.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.apiguardian.api.API;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The shape of anvil-test-core, the value model and the SPI (CONVENTIONS 11-13, 16). Only its own
 * packages are analysed: anvil-server-api, on its class path, has its own architecture test.
 */
@AnalyzeClasses(packages = {"dev.anvilcheck.value", "dev.anvilcheck.spi"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule core_knows_nothing_of_junit = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.opentest4j..")
            .because("the core is framework-neutral; anvil-test-junit only adapts it (CONVENTIONS 11)");

    @ArchTest
    static final ArchRule core_depends_only_on_the_jdk_and_the_server_api = noClasses()
            .should().dependOnClassesThat().resideOutsideOfPackages("dev.anvilcheck.value..", "dev.anvilcheck.spi..",
                    "dev.anvilcheck.hosting..", "dev.anvilcheck.python..", "dev.anvilcheck.media..",
                    "dev.anvilcheck.server..", "dev.anvilcheck.users..", "dev.anvilcheck.secrets..", "java..",
                    "javax.annotation..", "org.apiguardian.api..")
            .because("everything the core depends on lands on every runtime's and every test's class path; the"
                    + " wire codec and its Jackson live in anvil-uplink-client, which builds on the core");

    @ArchTest
    static final ArchRule core_knows_neither_wire_nor_uplink = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.anvilcheck.wire..", "dev.anvilcheck.uplink..")
            .because("anvil-uplink-client depends on the core, not the other way round: the value model is one to"
                    + " one with the wire format without knowing it");

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices().matching("dev.anvilcheck.(*)..")
            .should().beFreeOfCycles()
            .because("the core's packages layer cleanly on the API: server <- value, spi, hosting");

    @ArchTest
    static final ArchRule every_public_type_states_its_api_status = classes()
            .that().arePublic().and().areTopLevelClasses()
            .should().beAnnotatedWith(API.class)
            .because("runtime implementers see from @API whether a type of the SPI, the value model or the"
                    + " hosting blocks is STABLE or EXPERIMENTAL, and since which release, as JUnit marks its own");

    @ArchTest
    static final ArchRule no_standard_streams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
            .because("library code reports through exceptions, never by printing (CONVENTIONS 13)");

    @ArchTest
    static final ArchRule no_java_util_logging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING
            .because("library code must not force a logging backend on users (CONVENTIONS 13)");
}
