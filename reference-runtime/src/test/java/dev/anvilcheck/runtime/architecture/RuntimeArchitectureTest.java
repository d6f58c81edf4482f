package dev.anvilcheck.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The shape of reference-runtime (CONVENTIONS 12, 13). */
@AnalyzeClasses(packages = "dev.anvilcheck.runtime", importOptions = ImportOption.DoNotIncludeTests.class)
class RuntimeArchitectureTest {

    @ArchTest
    static final ArchRule internals_do_not_reach_the_public_layer = noClasses()
            .that().resideInAPackage("dev.anvilcheck.runtime.internal..")
            .should().dependOnClassesThat().resideInAPackage("dev.anvilcheck.runtime")
            .because("the public classes are a thin surface over the internals, never the other way round");

    @ArchTest
    static final ArchRule runtime_depends_only_on_core_and_the_jdk = noClasses()
            .that().resideOutsideOfPackages("dev.anvilcheck.runtime.internal.http..", "dev.anvilcheck.runtime.internal.control..",
                    "dev.anvilcheck.runtime.serve..")
            .should().dependOnClassesThat()
            .resideOutsideOfPackages("dev.anvilcheck..", "java..", "javax.crypto..")
            .because("the runtime lands on users' test classpaths: only its HTTP layer brings dependencies");

    @ArchTest
    static final ArchRule serve_mode_adds_only_picocli_and_signals = noClasses()
            .that().resideInAPackage("dev.anvilcheck.runtime.serve..")
            .should().dependOnClassesThat()
            .resideOutsideOfPackages("dev.anvilcheck..", "java..", "picocli..", "sun.misc..")
            .because("serve mode's command line parses with picocli (an optional dependency: only the serve jar"
                    + " ships it) and names the signal that stops it with sun.misc.Signal; nothing else");

    @ArchTest
    static final ArchRule only_the_command_line_needs_picocli = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.anvilcheck.runtime.serve.ServeCommand")
            .and().haveNameNotMatching("dev\\.anvilcheck\\.runtime\\.serve\\.ServeCommand\\$.*")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("picocli is optional for users of the runtime as a library: Serve.start and Serve.banner, and"
                    + " everything else outside serve mode's command line (ServeCommand), must load without it");

    @ArchTest
    static final ArchRule http_layer_depends_only_on_netty_and_jackson = noClasses()
            .that().resideInAPackage("dev.anvilcheck.runtime.internal.http..")
            .should().dependOnClassesThat()
            .resideOutsideOfPackages("dev.anvilcheck..", "java..", "io.netty..", "com.fasterxml.jackson..")
            .because("the HTTP listener uses Netty (no Jetty: users' classpaths often hold WireMock's) and JSON"
                    + " uses Jackson; nothing else may land on users' test classpaths");

    @ArchTest
    static final ArchRule control_api_adds_only_jackson = noClasses()
            .that().resideInAPackage("dev.anvilcheck.runtime.internal.control..")
            .should().dependOnClassesThat()
            .resideOutsideOfPackages("dev.anvilcheck..", "java..", "com.fasterxml.jackson..")
            .because("the control API speaks JSON with Jackson and is handed its requests by the listener: it knows"
                    + " no transport (no Netty), so every host serves it through the one entry point and its gate");

    @ArchTest
    static final ArchRule control_api_does_not_reach_the_listener = noClasses()
            .that().resideInAPackage("dev.anvilcheck.runtime.internal.control..")
            .should().dependOnClassesThat().resideInAPackage("dev.anvilcheck.runtime.internal.http..")
            .because("the listener hands requests to the control API, never the other way round");

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices().matching("dev.anvilcheck.runtime.(**)")
            .should().beFreeOfCycles()
            .because("package cycles make the runtime's layers impossible to reason about");

    @ArchTest
    static final ArchRule no_standard_streams = noClasses()
            .that().resideOutsideOfPackage("dev.anvilcheck.runtime.serve..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("library code reports through exceptions, never by printing (CONVENTIONS 13); only the serve-mode"
                    + " command line (Serve.main) prints: its addresses, its stop line and its errors");

    @ArchTest
    static final ArchRule no_java_util_logging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING
            .because("library code must not force a logging backend on users (CONVENTIONS 13)");
}
