package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.UplinkCaller;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Breaks CALL-07: server-module functions are resolved before uplink functions, so an uplink
 * function never shadows a same-named server-module function.
 */
@Breaks(value = "CALL-07", bug = "uplink functions do not shadow server-module functions")
public final class UplinkDoesNotShadowServerFunctions extends DelegatingProvider {
    private final Map<RuntimeUnderTest, Map<String, ServerFunction>> serverFunctions =
            Collections.synchronizedMap(new WeakHashMap<>());

    private Map<String, ServerFunction> of(RuntimeUnderTest rt) {
        return serverFunctions.computeIfAbsent(rt, k -> new ConcurrentHashMap<>());
    }

    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        of(rt).put(name, body);
        super.register(rt, name, requireUser, body);
    }

    @Override
    protected UplinkCaller uplink(RuntimeUnderTest rt, UplinkCaller uplink) {
        return new UplinkWrapper(uplink) {
            @Override
            public void register(String name, ServerFunction body) {
                super.register(name, arguments -> {
                    ServerFunction server = of(rt).get(name);
                    return server != null ? server.invoke(arguments) : body.invoke(arguments);
                });
            }
        };
    }
}
