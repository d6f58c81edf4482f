package dev.anvilcheck.tck.broken;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Breaks PORT-12: a portable object passed as an argument reaches the callee by reference, so the
 * callee's changes show in the caller's object.
 */
@Breaks(value = "PORT-12", bug = "portable objects passed by reference")
public final class PortableObjectsPassedByReference extends DelegatingProvider {
    private static final ThreadLocal<List<Object>> SENT = new ThreadLocal<>();

    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        SENT.set(arguments.args());
        try {
            return super.call(caller, fnName, arguments);
        } finally {
            SENT.remove();
        }
    }

    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        super.register(rt, name, requireUser, arguments -> {
            List<Object> sent = SENT.get();
            SENT.remove();
            if (sent == null || sent.size() != arguments.args().size()) {
                return body.invoke(arguments);
            }
            List<Object> received = new ArrayList<>(arguments.args());
            for (int i = 0; i < sent.size(); i++) {
                if (portable(sent.get(i)) && received.get(i) != null
                        && received.get(i).getClass() == sent.get(i).getClass()) {
                    received.set(i, sent.get(i));
                }
            }
            return body.invoke(new Arguments(received, arguments.kwargs()));
        });
    }

    private static boolean portable(Object value) {
        return value != null && !(value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Collection<?> || value instanceof Map<?, ?> || value instanceof Temporal
                || value instanceof Media || value instanceof Capability || value instanceof Class<?>);
    }

    @Override
    protected RuntimeUnderTest startReference() {
        return referenceOnTheCallersThread();
    }
}
