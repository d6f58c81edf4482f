package dev.anvilcheck.runtime.internal.tasks;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import java.time.Duration;
import java.util.Objects;

/**
 * How a runtime runs its background tasks.
 *
 * @param deterministic true to queue launched tasks until a test runs them, false to start a
 *     thread for each
 * @param retention how many finished task records to keep (TASK-25)
 * @param timeout the run-time limit of a task by the runtime's clock; zero for none (TASK-22, Q-13)
 * @param shutdownGrace how long closing the runtime waits for interrupted task threads to end
 */
public record TaskSettings(boolean deterministic, int retention, Duration timeout, Duration shutdownGrace) {
    /**
     * Validates the settings.
     *
     * @param deterministic whether tasks are queued until a test runs them
     * @param retention how many finished task records to keep
     * @param timeout the run-time limit of a task; zero for none
     * @param shutdownGrace how long closing waits for task threads
     */
    @OutsideTheSpecification("checks of the builder's arguments, which the SPI never gives out of range")
    public TaskSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (retention < 0) {
            throw new IllegalArgumentException("taskRetention must not be negative: " + retention);
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("backgroundTaskTimeout must not be negative: " + timeout);
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("taskShutdownGrace must not be negative: " + shutdownGrace);
        }
    }
}
