package dev.anvilcheck.junit;

import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.anvilcheck.junit.fixtures.Desk;
import dev.anvilcheck.junit.fixtures.FixtureOnly;
import dev.anvilcheck.junit.fixtures.Fixtures;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.ReferenceRuntimeProvider;
import dev.anvilcheck.server.Callable;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Misuse fails fast with an ExtensionConfigurationException that names the culprit and the fix (CONVENTIONS 10). */
class MisuseTest {

    @Test
    void annotationAndFieldTogether() {
        Fixtures.run(AnnotationAndField.class).containerEvents().assertThatEvents().haveExactly(1,
                event(container(AnnotationAndField.class), finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains(AnnotationAndField.class.getName())
                                && m.contains("field 'anvil'") && m.contains("Use one of them")))));
    }

    @Test
    void twoRegisteredExtensions() {
        Fixtures.run(TwoFields.class).containerEvents().assertThatEvents().haveExactly(1,
                event(container(TwoFields.class), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("field 'first' and field 'second'") && m.contains("Keep one field")))));
    }

    @Test
    void extendWithWithoutAnvilTest() {
        Fixtures.run(ExtendWithOnly.class).containerEvents().assertThatEvents().haveExactly(1,
                event(container(ExtendWithOnly.class), finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("@ExtendWith(AnvilExtension.class)")
                                && m.contains("Annotate the class with @AnvilTest")))));
    }

    @Test
    void moduleWithoutServerFunctions() {
        Fixtures.run(ModuleWithoutFunctionsTest.class).containerEvents().assertThatEvents().haveExactly(1,
                event(container(ModuleWithoutFunctionsTest.class), finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("Module " + NoFunctions.class.getName())
                                && m.contains("@AnvilTest on ModuleWithoutFunctionsTest")
                                && m.contains("remove it from the modules")))));
    }

    @Test
    void moduleThatCannotBeCreated() {
        Fixtures.run(ModuleNeedsArgumentsTest.class).containerEvents().assertThatEvents().haveExactly(1,
                event(container(ModuleNeedsArgumentsTest.class), finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains(NeedsArguments.class.getName())
                                && m.contains("no no-argument constructor")
                                && m.contains("runtime.register(new NeedsArguments(...))")))));
    }

    @Test
    void moduleThatCannotBeCreatedInTheBuilderForm() {
        Fixtures.run(BuilderModuleNeedsArguments.class).containerEvents().assertThatEvents().haveExactly(1,
                event(container(BuilderModuleNeedsArguments.class), finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("(listed in AnvilExtension.newInstance())")))));
    }

    @Test
    void perTestRuntimeInBeforeAll() {
        Fixtures.run(PerTestRuntimeInBeforeAll.class).containerEvents().assertThatEvents().haveExactly(1,
                event(container(PerTestRuntimeInBeforeAll.class), finishedWithFailure(cause(
                        instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("Parameter 'runtime' of type AnvilRuntime of"
                                + " PerTestRuntimeInBeforeAll.start") && m.contains("lifecycle = PER_CLASS"))))));
    }

    @Test
    void parameterOfARuntimeTypeThatIsNotInjected() {
        Fixtures.run(UnsupportedParameter.class).testEvents().assertThatEvents().haveExactly(1,
                event(test("provider"), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("Parameter 'provider' of UnsupportedParameter.provider has type "
                                + ReferenceRuntimeProvider.class.getName()) && m.contains("Ask for AnvilRuntime")))));
    }

    @Test
    void fakeClockOfARuntimeOnTheSystemClock() {
        Fixtures.run(NotAFakeClock.class).testEvents().assertThatEvents().haveExactly(1,
                event(test("clock"), finishedWithFailure(cause(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("Parameter 'clock' asks for the FakeClock")
                                && m.contains("runtime.clock()"))))));
    }

    // ------------------------------------------------------------------ fixtures

    /** A class that is no module. */
    public static class NoFunctions {
        public String notAFunction() {
            return "";
        }
    }

    /** A module whose instance functions need a constructor argument. */
    public static class NeedsArguments {
        private final String prefix;

        public NeedsArguments(String prefix) {
            this.prefix = prefix;
        }

        @Callable
        public String greet() {
            return prefix;
        }
    }

    @FixtureOnly
    @AnvilTest(modules = Desk.class)
    static class AnnotationAndField {
        @RegisterExtension
        static AnvilExtension anvil = AnvilExtension.newInstance().modules(Desk.class).build();

        @Test
        void test() {
        }
    }

    @FixtureOnly
    static class TwoFields {
        @RegisterExtension
        static AnvilExtension first = AnvilExtension.newInstance().build();
        @RegisterExtension
        static AnvilExtension second = AnvilExtension.newInstance().build();

        @Test
        void test() {
        }
    }

    @FixtureOnly
    @ExtendWith(AnvilExtension.class)
    static class ExtendWithOnly {
        @Test
        void test() {
        }
    }

    @FixtureOnly
    @AnvilTest(modules = {Desk.class, NoFunctions.class})
    static class ModuleWithoutFunctionsTest {
        @Test
        void test() {
        }
    }

    @FixtureOnly
    @AnvilTest(modules = NeedsArguments.class)
    static class ModuleNeedsArgumentsTest {
        @Test
        void test() {
        }
    }

    @FixtureOnly
    static class BuilderModuleNeedsArguments {
        @RegisterExtension
        static AnvilExtension anvil = AnvilExtension.newInstance().modules(NeedsArguments.class).build();

        @Test
        void test() {
        }
    }

    @FixtureOnly
    @AnvilTest(modules = Desk.class)
    static class PerTestRuntimeInBeforeAll {
        @BeforeAll
        static void start(AnvilRuntime runtime) {
        }

        @Test
        void test() {
        }
    }

    @FixtureOnly
    @AnvilTest
    static class UnsupportedParameter {
        @Test
        void provider(ReferenceRuntimeProvider provider) {
        }
    }

    @FixtureOnly
    static class NotAFakeClock {
        @RegisterExtension
        static AnvilExtension anvil = AnvilExtension.newInstance()
                .configure(builder -> builder.clock(Clock.systemUTC())).build();

        @Test
        void clock(FakeClock clock) {
        }
    }
}
