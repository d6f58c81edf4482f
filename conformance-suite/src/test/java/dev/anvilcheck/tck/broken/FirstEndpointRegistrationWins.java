package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/** Breaks CALL-10 for endpoints: registering an endpoint's path again keeps the earlier function. */
@Breaks(value = "CALL-10", bug = "a second registration of an endpoint's path is ignored")
public final class FirstEndpointRegistrationWins extends DelegatingProvider {
    private final Map<RuntimeUnderTest, Set<String>> paths = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    protected void registerEndpoint(RuntimeUnderTest rt, Endpoint endpoint, ServerFunction body) {
        if (paths.computeIfAbsent(rt, k -> Collections.synchronizedSet(new HashSet<>()))
                .add(endpoint.kind() + " " + endpoint.path())) {
            super.registerEndpoint(rt, endpoint, body);
        }
    }
}
