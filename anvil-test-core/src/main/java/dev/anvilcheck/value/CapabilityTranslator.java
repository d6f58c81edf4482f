package dev.anvilcheck.value;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.server.Capability;
import org.apiguardian.api.API;

/**
 * How a runtime turns a capability that crosses a call boundary into the one the receiver gets
 * (CAP-08, CAP-15, CAP-20, SESS-13): it may attach a MAC bound to the sender's session when
 * server code issues a capability, check the MAC when an untrusted caller sends one back, and
 * tie the copy's validity to the receiver's session. It may refuse a capability by throwing an
 * Anvil error, which the copy lets through unchanged.
 *
 * @since 0.1
 */
@FunctionalInterface
@API(status = EXPERIMENTAL, since = "0.1")
public interface CapabilityTranslator {
    /** Copies a capability as it is, MAC and all; what a crossing without a runtime does. */
    CapabilityTranslator COPY = c -> Capability.restore(c.baseScope(), c.narrowing(), c.mac());

    /**
     * The capability the receiver gets for {@code sent}.
     *
     * @param sent the capability the sender sent
     * @return a new capability for the receiver
     */
    Capability translate(Capability sent);
}
