package dev.anvilcheck.tck.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The shape of the conformance suite's main code (CONVENTIONS 12, 13). */
@AnalyzeClasses(packages = "dev.anvilcheck.tck", importOptions = ImportOption.DoNotIncludeTests.class)
class SuiteArchitectureTest {

    @ArchTest
    static final ArchRule suite_depends_only_on_core_junit_and_the_jdk = noClasses()
            .should().dependOnClassesThat()
            .resideOutsideOfPackages(allowed())
            .because("the suite certifies any runtime: it may know only the core API and SPI (plus JUnit to run,"
                    + " Jackson to write report.json and picocli to parse the command line), never a runtime");

    private static String[] allowed() {
        java.util.List<String> allowed = new java.util.ArrayList<>(java.util.List.of(ModuleArchitectureTest.CORE));
        allowed.addAll(java.util.List.of("dev.anvilcheck.tck..", "org.junit..", "org.opentest4j..",
                "com.fasterxml.jackson..", "picocli..", "java.."));
        return allowed.toArray(String[]::new);
    }

    @ArchTest
    static final ArchRule only_the_command_line_uses_picocli = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.anvilcheck.tck.Certify")
            .and().haveNameNotMatching("dev\\.anvilcheck\\.tck\\.Certify\\$.*")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("picocli is an optional dependency (only the runnable jar ships it): the clause tests, the"
                    + " extension and the reports run on users' class paths without it");

    @ArchTest
    static final ArchRule clause_tests_use_only_the_spi_and_the_api = noClasses()
            .that().resideInAPackage("dev.anvilcheck.tck.clauses..")
            .should().dependOnClassesThat().resideInAPackage("dev.anvilcheck.runtime..")
            .because("a clause test that reached into the reference runtime would certify nothing else");

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices().matching("dev.anvilcheck.tck.(*)..")
            .should().beFreeOfCycles()
            .because("the harness, its internals and the clause tests are layers");

    @ArchTest
    static final ArchRule only_the_command_line_prints = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.anvilcheck.tck.Certify")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("only the command-line entry point prints; everything else reports through JUnit (CONVENTIONS 13)");

    @ArchTest
    static final ArchRule no_java_util_logging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING
            .because("library code must not force a logging backend on users (CONVENTIONS 13)");
}
