package dev.anvilcheck.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Set;
import org.apiguardian.api.API;

/**
 * The entry point of a runtime under certification: the one class an implementer writes. The
 * conformance suite finds it with {@link java.util.ServiceLoader} (or by class name) and fails
 * loudly on none, several, or an unknown name (CONVENTIONS 3). Tests gated on an optional
 * {@link Feature} the provider does not declare end as "not applicable", never as passed; nothing
 * else a provider says excuses it from a test (the suite's one reviewed list of exclusions does).
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
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

    /**
     * How the suite reaches this runtime, for the report: {@code "in-memory"} when server code runs
     * in the suite's own process, {@code "uplink-wire"} when it is reached over the Anvil Uplink.
     *
     * @return the transport's name
     * @since 0.1
     */
    default String transport() {
        return "in-memory";
    }
}
