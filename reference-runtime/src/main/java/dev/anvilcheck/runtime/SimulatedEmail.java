package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.spi.CallerKind;

/**
 * An incoming email handled by the app: an untrusted {@code email_server} caller in a session of type {@code email} (CTX-03, CTX-05, CTX-06).
 *
 * @since 0.1
 */
public final class SimulatedEmail extends SimulatedCaller<SimulatedEmail> {
    SimulatedEmail(Dispatcher dispatcher) {
        super(dispatcher, CallerKind.EMAIL, "email_server", null, null);
    }
}
