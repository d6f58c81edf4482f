package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Breaks CAP-06: the runtime's MAC check accepts any prefix of the scope it issued, so a client can
 * broaden (shorten) a capability and keep its MAC. Modelled by remembering each capability issued
 * to a caller: one sent back with a shorter scope and the issued MAC is let through, and the
 * function receives it with the shorter scope.
 */
@Breaks(value = "CAP-06", bug = "narrowing can be undone: a shorter scope with the issued MAC is accepted")
public final class BroadenedCapabilitiesAccepted extends DelegatingProvider {
    private static final ThreadLocal<Map<Integer, List<Object>>> BROADENED = new ThreadLocal<>();
    private final Map<String, Capability> issued = new ConcurrentHashMap<>();

    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        Map<Integer, List<Object>> broadened = new HashMap<>();
        List<Object> sent = new ArrayList<>(arguments.args());
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i) instanceof Capability cap && cap.mac() != null && issued.containsKey(cap.mac())) {
                Capability original = issued.get(cap.mac());
                List<Object> full = original.scope();
                if (cap.scope().size() < full.size() && full.subList(0, cap.scope().size()).equals(cap.scope())) {
                    broadened.put(i, cap.scope());
                    sent.set(i, original);
                }
            }
        }
        BROADENED.set(broadened.isEmpty() ? null : broadened);
        try {
            Object result = super.call(caller, fnName, new Arguments(sent, arguments.kwargs()));
            if (result instanceof Capability cap && cap.mac() != null) {
                issued.put(cap.mac(), cap);
            }
            return result;
        } finally {
            BROADENED.remove();
        }
    }

    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        super.register(rt, name, requireUser, arguments -> {
            Map<Integer, List<Object>> broadened = BROADENED.get();
            BROADENED.remove();
            if (broadened == null) {
                return body.invoke(arguments);
            }
            List<Object> received = new ArrayList<>(arguments.args());
            broadened.forEach((i, scope) -> received.set(i, new Capability(scope)));
            return body.invoke(new Arguments(received, arguments.kwargs()));
        });
    }
}
