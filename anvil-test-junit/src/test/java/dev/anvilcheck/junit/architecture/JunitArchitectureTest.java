package dev.anvilcheck.junit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The shape of anvil-test-junit (CONVENTIONS 11-13). */
@AnalyzeClasses(packages = "dev.anvilcheck.junit", importOptions = ImportOption.DoNotIncludeTests.class)
class JunitArchitectureTest {

    @ArchTest
    static final ArchRule only_the_runtimes_public_api = noClasses()
            .should().dependOnClassesThat().resideInAPackage("dev.anvilcheck.runtime.internal..")
            .because("the extension adapts the reference runtime through its public API, like any user");

    @ArchTest
    static final ArchRule no_assertion_or_mocking_library = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.assertj..", "org.mockito..", "org.hamcrest..")
            .because("users choose their assertion and mocking libraries; the extension forces none on them");

    @ArchTest
    static final ArchRule no_standard_streams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
            .because("library code reports through exceptions, never by printing (CONVENTIONS 13)");
}
