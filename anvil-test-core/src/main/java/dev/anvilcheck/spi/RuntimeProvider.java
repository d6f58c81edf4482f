package dev.anvilcheck.spi;

import java.util.Set;

/**
 * The entry point of a runtime under certification: the one class an implementer writes. The
 * conformance suite finds it with {@link java.util.ServiceLoader} (or by class name) and fails
 * loudly on none, several, or an unknown name (STYLE 3). Tests gated on an optional
 * {@link Feature} the provider does not declare end as "not applicable", never as passed.
 *
 * @since 0.1
 */
public interface RuntimeProvider {
    /**
     * A human-readable name of the runtime, for the report.
     *
     * @return the name
     */
    String name();

    /**
     * The optional features this runtime supports; an immutable set.
     *
     * @return the declared features
     */
    Set<Feature> features();

    /**
     * Starts a fresh runtime with no functions registered and no sessions. The suite starts one
     * per test and closes it afterwards.
     *
     * @return the runtime
     */
    RuntimeUnderTest start();
}
