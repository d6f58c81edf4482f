package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.runtime.ReferenceRuntimeProvider;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.tck.broken.DeclaresNoFeatures;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeDiscoveryTest {

    /** A provider that is not the reference runtime. */
    public static final class OtherProvider implements RuntimeProvider {
        @Override
        public String name() {
            return "other";
        }

        @Override
        public Set<Feature> features() {
            return Set.of();
        }

        @Override
        public RuntimeUnderTest start() {
            throw new UnsupportedOperationException("never started in this test");
        }
    }

    private final RuntimeProvider reference = new ReferenceRuntimeProvider();
    private final RuntimeProvider other = new OtherProvider();

    @Test
    void theOnlyProviderIsChosenWithoutAChoice() {
        assertThat(RuntimeDiscovery.select(List.of(reference), null, null)).isSameAs(reference);
        assertThat(RuntimeDiscovery.select(List.of(reference), "  ", null)).isSameAs(reference);
    }

    @Test
    void zeroProvidersFailLoudly() {
        assertThatThrownBy(() -> RuntimeDiscovery.select(List.of(), null, null))
                .isInstanceOf(RuntimeDiscoveryException.class)
                .hasMessageContaining("No runtime to certify")
                .hasMessageContaining("META-INF/services/dev.anvilcheck.spi.RuntimeProvider")
                .hasMessageContaining("-Danvilcheck.runtime=");
    }

    @Test
    void theCallerSaysHowItsUserChoosesARuntime() {
        assertThatThrownBy(() -> RuntimeDiscovery.select(List.of(), null, null,
                RuntimeDiscovery.ChoiceSource.COMMAND_LINE))
                .isInstanceOf(RuntimeDiscoveryException.class)
                .hasMessageContaining("or name the class with --runtime <class name>.")
                .hasMessageNotContaining("anvilcheck.runtime");
        assertThatThrownBy(() -> RuntimeDiscovery.select(List.of(reference, other), null, null,
                RuntimeDiscovery.ChoiceSource.COMMAND_LINE))
                .hasMessageContaining("Choose one with --runtime <class name or name()>.");
        assertThatThrownBy(() -> RuntimeDiscovery.select(List.of(reference), "mystery", null,
                RuntimeDiscovery.ChoiceSource.COMMAND_LINE))
                .hasMessageStartingWith("Unknown runtime 'mystery' (--runtime): ");
        assertThatThrownBy(() -> RuntimeDiscovery.select(List.of(reference), "mystery", null,
                RuntimeDiscovery.ChoiceSource.PROPERTY))
                .hasMessageStartingWith("Unknown runtime 'mystery' (anvilcheck.runtime): ");
        assertThatThrownBy(() -> RuntimeDiscovery.select(List.of(reference), String.class.getName(),
                getClass().getClassLoader(), RuntimeDiscovery.ChoiceSource.COMMAND_LINE))
                .hasMessageContaining("(--runtime) does not implement");
    }

    @Test
    void severalProvidersWithoutAChoiceFailLoudlyNamingEach() {
        assertThatThrownBy(() -> RuntimeDiscovery.select(List.of(reference, other), null, null))
                .isInstanceOf(RuntimeDiscoveryException.class)
                .hasMessageContaining("Several runtimes found")
                .hasMessageContaining("'anvilcheck reference runtime' (" + ReferenceRuntimeProvider.class.getName())
                .hasMessageContaining("'other' (" + OtherProvider.class.getName() + ")");
    }

    @Test
    void aChoiceSelectsByClassNameOrName() {
        List<RuntimeProvider> both = List.of(reference, other);
        assertThat(RuntimeDiscovery.select(both, OtherProvider.class.getName(), null)).isSameAs(other);
        assertThat(RuntimeDiscovery.select(both, "anvilcheck reference runtime", null)).isSameAs(reference);
    }

    @Test
    void anUnknownChoiceFailsLoudlyNamingWhatWasFound() {
        assertThatThrownBy(() -> RuntimeDiscovery.select(List.of(reference, other), "mystery", null))
                .isInstanceOf(RuntimeDiscoveryException.class)
                .hasMessageContaining("Unknown runtime 'mystery'")
                .hasMessageContaining("'anvilcheck reference runtime'")
                .hasMessageContaining("'other'");
        assertThatThrownBy(() -> RuntimeDiscovery.select(List.of(), "com.example.Missing",
                getClass().getClassLoader()))
                .isInstanceOf(RuntimeDiscoveryException.class)
                .hasMessageContaining("Unknown runtime 'com.example.Missing'")
                .hasMessageContaining("no providers");
    }

    @Test
    void aChosenClassThatIsNoServiceIsLoadedByName() {
        RuntimeProvider chosen = RuntimeDiscovery.select(List.of(reference), DeclaresNoFeatures.class.getName(),
                getClass().getClassLoader());
        assertThat(chosen).isInstanceOf(DeclaresNoFeatures.class);
    }

    @Test
    void aChosenClassThatIsNoProviderFailsLoudly() {
        assertThatThrownBy(() -> RuntimeDiscovery.select(List.of(reference), String.class.getName(),
                getClass().getClassLoader()))
                .isInstanceOf(RuntimeDiscoveryException.class)
                .hasMessageContaining("does not implement dev.anvilcheck.spi.RuntimeProvider");
    }

    @Test
    void serviceLoaderFindsTheReferenceRuntimeOnTheTestClassPath() {
        RuntimeProvider found = RuntimeDiscovery.discover(null, getClass().getClassLoader());
        assertThat(found).isInstanceOf(ReferenceRuntimeProvider.class);
    }

    @Test
    void serviceLoaderWithNoProvidersFailsLoudly() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> RuntimeDiscovery.discover(null, empty))
                    .isInstanceOf(RuntimeDiscoveryException.class)
                    .hasMessageContaining("No runtime to certify");
        }
    }

    @Test
    void serviceLoaderWithSeveralProvidersFailsLoudly(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(RuntimeProvider.class.getName()), OtherProvider.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            assertThatThrownBy(() -> RuntimeDiscovery.discover(null, loader))
                    .isInstanceOf(RuntimeDiscoveryException.class)
                    .hasMessageContaining("Several runtimes found")
                    .hasMessageContaining(OtherProvider.class.getName())
                    .hasMessageContaining(ReferenceRuntimeProvider.class.getName());
            assertThat(RuntimeDiscovery.discover("other", loader)).isInstanceOf(OtherProvider.class);
        }
    }
}
