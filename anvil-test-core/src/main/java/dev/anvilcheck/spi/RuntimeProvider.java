package dev.anvilcheck.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The entry point of a runtime under certification: the one class an implementer writes. The
 * conformance suite finds it with {@link java.util.ServiceLoader} (or by class name) and fails
 * loudly on none, several, or an unknown name (CONVENTIONS 3). Tests gated on an optional
 * {@link Feature} the provider does not declare end as "not applicable", never as passed.
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

    /**
     * Why the conformance test {@code testName} of {@code clause} cannot observe this runtime
     * through its transport, or empty when it can. The suite reports such a test as not
     * applicable, never as passed; a runtime reached over the Uplink uses this for what only
     * in-process simulation shows (e.g. a browser's own context, a logged-in user).
     *
     * @param clause the clause ID, e.g. {@code "CTX-01"}
     * @param testName the test method's name, e.g. {@code "required_CTX_01_serverModuleFunctionSeesTypeServerModule"}
     * @return the reason, or empty
     * @since 0.1
     */
    default Optional<String> notObservable(String clause, String testName) {
        return Optional.empty();
    }
}
