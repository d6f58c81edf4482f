package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Breaks SESS-07: the session writes a function made are kept when it raises, as a runtime that
 * committed the session on every return, normal or not, would.
 */
@Breaks(value = "SESS-07", bug = "session writes kept when the function raised")
public final class SessionWritesKeptWhenTheFunctionRaises extends DelegatingProvider {
    private static final ThreadLocal<Map<String, Object>> WRITTEN = new ThreadLocal<>();

    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        super.register(rt, name, requireUser, arguments -> {
            try {
                return body.invoke(arguments);
            } catch (Exception | Error e) {
                Session session = AnvilServer.session();
                Map<String, Object> data = new LinkedHashMap<>();
                for (String key : session.keys()) {
                    data.put(key, session.get(key));
                }
                WRITTEN.set(data);
                throw e;
            }
        });
    }

    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        WRITTEN.remove();
        try {
            return super.call(caller, fnName, arguments);
        } catch (RuntimeException e) {
            Map<String, Object> data = WRITTEN.get();
            if (data != null) {
                data.forEach(caller::putSession);
            }
            throw e;
        } finally {
            WRITTEN.remove();
        }
    }

    @Override
    protected RuntimeUnderTest startReference() {
        return referenceOnTheCallersThread();
    }
}
