package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.SessionRecord;
import dev.anvilcheck.runtime.internal.cookies.CookieStore;
import dev.anvilcheck.server.Cookies;
import dev.anvilcheck.spi.CallerKind;

/**
 * Server code calling a server function with {@code anvil.server.call}: the callee sees a trusted
 * {@code server_module} caller (CTX-05..07, CALL-14). Its session began in a browser (CTX-03) and
 * persists across its calls; that browser's cookies are available to the code it calls (SESS-16),
 * and to tests through {@link #cookies()}.
 *
 * @since 0.1
 */
public final class SimulatedServerModule extends SimulatedCaller<SimulatedServerModule> {
    private final CookieStore cookieStore;

    SimulatedServerModule(Dispatcher dispatcher) {
        super(dispatcher, CallerKind.SERVER_MODULE, "server_module", "127.0.0.1", null);
        this.cookieStore = new CookieStore(dispatcher.config().clock());
        session.cookieStore(cookieStore);
    }

    @Override
    SessionRecord sessionForCall() {
        SessionRecord record = super.sessionForCall();
        if (record.cookieStore() == null) {
            record.cookieStore(cookieStore);
        }
        return record;
    }

    /**
     * The cookies of the browser this caller's session began in, as a test sees them (SESS-16).
     *
     * @return the cookies
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public Cookies cookies() {
        return cookieStore.view(side());
    }
}
