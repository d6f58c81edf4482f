package dev.anvilcheck.runtime.internal;

/**
 * Where server events raised to a session go: the simulated browser attached to it (MISC-05).
 */
@FunctionalInterface
public interface EventSink {
    /**
     * Hands one event to the browser's handlers for {@code name}.
     *
     * @param name the event name
     * @param payload a copy of the payload, for this browser alone
     */
    void deliver(String name, Object payload);
}
