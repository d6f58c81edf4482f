package dev.anvilcheck.tck.broken;

import dev.anvilcheck.python.PythonError;
import dev.anvilcheck.server.AnvilError;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.List;

/**
 * Breaks ERR-01: an exception that is neither an Anvil error nor a Python built-in crosses under
 * its fully qualified class name ({@code java.lang.IllegalStateException}) instead of its bare name.
 */
@Breaks(value = "ERR-01", bug = "wrong wire type names (fully qualified class names)")
public final class WireTypesFullyQualified extends DelegatingProvider {
    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        super.register(rt, name, requireUser, arguments -> {
            try {
                return body.invoke(arguments);
            } catch (RuntimeException e) {
                if (e instanceof AnvilError || e instanceof PythonError) {
                    throw e;
                }
                throw new AnvilWrappedError(new WireError(e.getClass().getName(), String.valueOf(e.getMessage()),
                        List.of()));
            }
        });
    }
}
