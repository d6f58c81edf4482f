package dev.anvilcheck.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The shape of anvil-test-core (CONVENTIONS 11-13). */
@AnalyzeClasses(packages = "dev.anvilcheck", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule core_knows_nothing_of_junit = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.opentest4j..")
            .because("the core is framework-neutral; anvil-test-junit only adapts it (CONVENTIONS 11)");

    @ArchTest
    static final ArchRule core_depends_on_nothing_but_the_jdk = noClasses()
            .that().resideOutsideOfPackage("dev.anvilcheck.wire..")
            .should().dependOnClassesThat().resideOutsideOfPackages("dev.anvilcheck..", "java..", "javax.annotation..")
            .because("everything the core depends on lands on every user's test classpath");

    @ArchTest
    static final ArchRule only_the_wire_codec_uses_jackson = noClasses()
            .that().resideInAPackage("dev.anvilcheck.wire..")
            .should().dependOnClassesThat()
            .resideOutsideOfPackages("dev.anvilcheck..", "java..", "javax.annotation..", "com.fasterxml.jackson..")
            .because("the Uplink wire codec reads and writes JSON with Jackson, and nothing else in the core needs a"
                    + " library");

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices().matching("dev.anvilcheck.(*)..")
            .should().beFreeOfCycles()
            .because("API packages layer cleanly: python <- media <- server <- users, secrets, value, spi <- wire");

    @ArchTest
    static final ArchRule no_standard_streams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
            .because("library code reports through exceptions, never by printing (CONVENTIONS 13)");

    @ArchTest
    static final ArchRule no_java_util_logging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING
            .because("library code must not force a logging backend on users (CONVENTIONS 13)");
}
