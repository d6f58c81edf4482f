package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Capability;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import java.util.List;

/** Breaks CAP-03: browser code may construct capabilities. */
@Breaks(value = "CAP-03", bug = "browser code constructs capabilities")
public final class BrowserCodeMakesCapabilities extends DelegatingProvider {
    @Override
    protected Capability newCapability(Caller caller, List<?> scope) {
        return caller.kind() == CallerKind.BROWSER ? new Capability(scope) : super.newCapability(caller, scope);
    }
}
