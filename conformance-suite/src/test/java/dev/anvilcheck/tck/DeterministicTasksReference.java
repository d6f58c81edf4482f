package dev.anvilcheck.tck;

import dev.anvilcheck.runtime.ReferenceRuntimeProvider;
import dev.anvilcheck.runtime.TaskExecution;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.Set;

/**
 * The reference runtime with deterministic background tasks ({@link TaskExecution#DETERMINISTIC}),
 * selectable by class name, so that the suite certifies both execution modes.
 */
public final class DeterministicTasksReference implements RuntimeProvider {
    private final RuntimeProvider delegate = new ReferenceRuntimeProvider(TaskExecution.DETERMINISTIC);

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Set<Feature> features() {
        return delegate.features();
    }

    @Override
    public RuntimeUnderTest start() {
        return delegate.start();
    }
}
