package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.spi.Caller;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks CAP-02: the scope of a capability a browser receives is not normalised: its numbers arrive
 * as strings.
 */
@Breaks(value = "CAP-02", bug = "a received capability's scope holds numbers as strings")
public final class CapabilityScopeArrivesUnnormalised extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        Object result = super.call(caller, fnName, arguments);
        if (result instanceof Capability cap) {
            List<Object> scope = new ArrayList<>();
            for (Object part : cap.scope()) {
                scope.add(part instanceof Number n ? String.valueOf(n) : part);
            }
            return new Capability(scope);
        }
        return result;
    }
}
