package dev.anvilcheck.tck.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape of the modules as the suite sees them on its class path (CONVENTIONS 11..13): the core
 * artifacts (anvil-server-api; anvil-test-core, the value model and SPI; anvil-uplink-client), the
 * reference runtime and the suite's main code, analysed together.
 */
@AnalyzeClasses(packages = "dev.anvilcheck", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleArchitectureTest {
    /** The packages of the core artifacts: anvil-server-api, anvil-test-core and anvil-uplink-client. */
    static final String[] CORE = {"dev.anvilcheck.server..", "dev.anvilcheck.spi..", "dev.anvilcheck.users..",
        "dev.anvilcheck.python..", "dev.anvilcheck.media..", "dev.anvilcheck.value..", "dev.anvilcheck.secrets..",
        "dev.anvilcheck.wire..", "dev.anvilcheck.uplink.."};

    @ArchTest
    static final ArchRule core_knows_nothing_of_junit = noClasses()
            .that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.opentest4j..")
            .because("the core is framework-neutral: the suite and anvil-test-junit adapt it to JUnit, never the"
                    + " other way round (CONVENTIONS 11)");

    @ArchTest
    static final ArchRule core_knows_no_runtime_and_no_suite = noClasses()
            .that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("dev.anvilcheck.runtime..", "dev.anvilcheck.tck..")
            .because("every runtime and the suite build on the core; a core that knew one of them could not"
                    + " certify the others");

    @ArchTest
    static final ArchRule runtime_internals_stay_in_the_runtime = noClasses()
            .that().resideOutsideOfPackage("dev.anvilcheck.runtime..")
            .should().dependOnClassesThat().resideInAPackage("dev.anvilcheck.runtime.internal..")
            .because("dev.anvilcheck.runtime.internal is not an API: other modules use the runtime's public"
                    + " package, so that its internals can change freely");

    @ArchTest
    static final ArchRule hosting_blocks_are_for_hosts_of_server_code = noClasses()
            .that().resideOutsideOfPackages("dev.anvilcheck.hosting..", "dev.anvilcheck.uplink..",
                    "dev.anvilcheck.runtime..")
            .should().dependOnClassesThat().resideInAPackage("dev.anvilcheck.hosting..")
            .because("dev.anvilcheck.hosting holds what every host of server code shares (the binder, the"
                    + " require_user check, the endpoint logic), which the reference runtime and the Java uplink"
                    + " client both run; the API, the value model, the wire codec and the suite do not host"
                    + " server code");

    @ArchTest
    static final ArchRule suite_internals_stay_in_the_suite = noClasses()
            .that().resideOutsideOfPackage("dev.anvilcheck.tck..")
            .should().dependOnClassesThat().resideInAPackage("dev.anvilcheck.tck.internal..")
            .because("the suite's report model and catalogue are not an API; runtimes plug in through the SPI");

    @ArchTest
    static final ArchRule the_runtime_does_not_know_the_suite = noClasses()
            .that().resideInAPackage("dev.anvilcheck.runtime..")
            .should().dependOnClassesThat().resideInAPackage("dev.anvilcheck.tck..")
            .because("the reference runtime is certified by the suite like any other runtime: it may not adapt"
                    + " itself to the suite's code");

    @ArchTest
    static void every_module_is_imported(JavaClasses classes) {
        for (String name : new String[] {"dev.anvilcheck.server.AnvilServer", "dev.anvilcheck.spi.RuntimeProvider",
            "dev.anvilcheck.runtime.AnvilRuntime", "dev.anvilcheck.runtime.internal.Dispatcher",
            "dev.anvilcheck.tck.Certify", "dev.anvilcheck.tck.internal.report.CertificationRun"}) {
            assertThat(classes.contain(name)).as(name + " among the analysed classes").isTrue();
        }
    }

    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("dev.anvilcheck.(**)")
            .should().beFreeOfCycles()
            .ignoreDependency(resideInAPackage("dev.anvilcheck.server.host"), resideInAPackage("dev.anvilcheck.server"))
            .because("each package of every module is a layer: a cycle between two packages, in one module or"
                    + " across modules, makes neither understandable or testable alone. The one pair exempt is"
                    + " server and server.host: the facade resolves through the CallScope a runtime binds, and"
                    + " that interface speaks the facade's own types; the two are one layer split by audience");
}
