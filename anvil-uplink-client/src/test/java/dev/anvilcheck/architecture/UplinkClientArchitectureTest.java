package dev.anvilcheck.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The shape of anvil-uplink-client, the wire codec and the Java uplink client (CONVENTIONS 11-13,
 * 17). Only its own packages are analysed: the core and the API have their own architecture tests.
 */
@AnalyzeClasses(packages = {"dev.anvilcheck.wire", "dev.anvilcheck.uplink"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class UplinkClientArchitectureTest {

    @ArchTest
    static final ArchRule uplink_client_knows_nothing_of_junit = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.opentest4j..")
            .because("the uplink client is framework-neutral; anvil-test-junit only adapts the core (CONVENTIONS 11)");

    @ArchTest
    static final ArchRule only_the_wire_codec_uses_jackson = noClasses()
            .that().resideOutsideOfPackage("dev.anvilcheck.wire..")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
            .because("the Uplink wire codec reads and writes JSON with Jackson; the client speaks in messages and"
                    + " values, so that the JSON library can change in one package");

    @ArchTest
    static final ArchRule uplink_client_depends_on_the_jdk_the_core_and_jackson_only = noClasses()
            .should().dependOnClassesThat()
            .resideOutsideOfPackages("dev.anvilcheck..", "java..", "javax.annotation..", "com.fasterxml.jackson..")
            .because("everything the uplink client depends on lands on its users' class paths: besides the core it"
                    + " needs Jackson (jackson-databind) and the JDK's WebSocket, nothing else");

    @ArchTest
    static final ArchRule uplink_client_knows_no_runtime_and_no_suite = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.anvilcheck.runtime..", "dev.anvilcheck.tck..",
                    "dev.anvilcheck.junit..")
            .because("runtimes and the suite build on the wire codec and the client, never the other way round");

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices().matching("dev.anvilcheck.(*)..")
            .should().beFreeOfCycles()
            .because("the wire codec is a layer under the uplink client: wire <- uplink");

    @ArchTest
    static final ArchRule no_standard_streams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
            .because("library code reports through exceptions and System.Logger, never by printing"
                    + " (CONVENTIONS 13)");

    @ArchTest
    static final ArchRule no_java_util_logging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING
            .because("library code must not force a logging backend on users (CONVENTIONS 13)");
}
