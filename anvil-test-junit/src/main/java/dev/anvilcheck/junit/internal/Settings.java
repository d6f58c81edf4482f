package dev.anvilcheck.junit.internal;

import dev.anvilcheck.junit.Lifecycle;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.TaskExecution;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What an extension was configured with, by annotation or builder: the same record either way, so
 * both forms behave alike.
 *
 * @param modules the classes holding server functions
 * @param lifecycle per test or per class
 * @param tasks how background tasks run
 * @param configure further runtime settings, applied to each runtime's builder
 * @param source where the settings came from, for messages: {@code @AnvilTest on X} or
 *     {@code AnvilExtension.newInstance()}
 */
public record Settings(List<Class<?>> modules, Lifecycle lifecycle, TaskExecution tasks,
        Consumer<AnvilRuntime.Builder> configure, String source) {
    /** Validates the record. */
    public Settings {
        modules = List.copyOf(modules);
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(configure, "configure");
        Objects.requireNonNull(source, "source");
    }
}
