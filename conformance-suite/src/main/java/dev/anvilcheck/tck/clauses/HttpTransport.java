package dev.anvilcheck.tck.clauses;

import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.tck.TestEnvironment;
import dev.anvilcheck.tck.internal.LoopbackSender;
import org.junit.jupiter.api.Assumptions;

/**
 * The two ways the HTTP clause tests send requests; each test runs once over each, and both must
 * give the same results: in memory through the runtime's own sender, and over a real socket to the
 * origin the runtime listens on (needs {@link Feature#HTTP_LOOPBACK}).
 *
 * @since 0.1
 */
public enum HttpTransport {
    /** The runtime's in-memory sender, {@code RuntimeUnderTest.http()}. */
    IN_MEMORY {
        @Override
        HttpSender open(TestEnvironment env) {
            return env.runtime().http();
        }
    },
    /** The JDK's HTTP client, to the origin {@code RuntimeUnderTest.listen()} gives. */
    LOOPBACK {
        @Override
        HttpSender open(TestEnvironment env) {
            if (!env.supports(Feature.HTTP_LOOPBACK)) {
                Assumptions.abort("[" + env.clause() + "] not applicable: runtime '" + env.provider().name()
                        + "' does not declare Feature.HTTP_LOOPBACK, which this clause's test needs");
            }
            return new LoopbackSender(env.runtime().listen(), env.timeout());
        }
    };

    /**
     * A sender over this transport to the runtime of {@code env}; aborts the test when the runtime
     * does not support the transport.
     *
     * @param env the test's environment
     * @return the sender
     */
    abstract HttpSender open(TestEnvironment env);
}
