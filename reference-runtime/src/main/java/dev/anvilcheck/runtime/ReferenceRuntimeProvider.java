package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Plugs the reference runtime into the conformance suite (found by {@link java.util.ServiceLoader}
 * through {@code META-INF/services/dev.anvilcheck.spi.RuntimeProvider}), and is the example of the
 * one class a runtime with a Java API writes: a name, the optional features it supports (every one
 * its task execution mode allows), and a fresh runtime per test, here adapted to the SPI by
 * {@link ReferenceRuntimeAdapter}.
 *
 * @since 0.1
 */
public final class ReferenceRuntimeProvider implements RuntimeProvider {
    private final TaskExecution taskExecution;

    /** Creates the provider, with background tasks on threads; {@link java.util.ServiceLoader} calls this. */
    public ReferenceRuntimeProvider() {
        this(TaskExecution.THREADS);
    }

    /**
     * Creates a provider whose runtimes run background tasks as {@code taskExecution} says.
     *
     * @param taskExecution how the runtimes run background tasks
     */
    public ReferenceRuntimeProvider(TaskExecution taskExecution) {
        this.taskExecution = Objects.requireNonNull(taskExecution, "taskExecution");
    }

    @Override
    @OutsideTheSpecification("the provider's name, shown in the report; no clause speaks of it")
    public String name() {
        return taskExecution == TaskExecution.THREADS ? "anvilcheck reference runtime"
                : "anvilcheck reference runtime (deterministic tasks)";
    }

    @Override
    @OutsideTheSpecification("the features a runtime declares: declaring fewer is not wrong, it is certified for fewer"
            + " clauses (not applicable in the report), so no test can fail for it")
    public Set<Feature> features() {
        EnumSet<Feature> features = EnumSet.allOf(Feature.class);
        features.remove(taskExecution == TaskExecution.THREADS ? Feature.DETERMINISTIC_TASKS
                : Feature.CONCURRENT_TASKS);
        return Set.copyOf(features);
    }

    /**
     * A fresh runtime per test, which also accepts real uplinks with keys of its own (UPLINK_WIRE),
     * and abandons a call at its deadline as the App Server does (ERR-06).
     */
    @Override
    public RuntimeUnderTest start() {
        return ReferenceRuntimeAdapter.adapt(AnvilRuntime.builder().clock(FakeClock.create())
                .abandonCallsAtDeadline(true)
                .taskExecution(taskExecution).uplinkKey("server-" + UUID.randomUUID())
                .clientUplinkKey("client-" + UUID.randomUUID()).build());
    }
}
