package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.LinkedHashMap;
import java.util.Map;

/** Breaks HTTP-05: query parameters override path parameters of the same name, instead of losing to them. */
@Breaks(value = "HTTP-05", bug = "query parameters override path parameters")
public final class QueryOverridesPathParameters extends DelegatingProvider {
    @Override
    protected void registerEndpoint(RuntimeUnderTest rt, Endpoint endpoint, ServerFunction body) {
        super.registerEndpoint(rt, endpoint, arguments -> {
            Map<String, Object> kwargs = new LinkedHashMap<>(arguments.kwargs());
            kwargs.putAll(AnvilServer.request().queryParams());
            return body.invoke(new Arguments(arguments.args(), kwargs));
        });
    }
}
