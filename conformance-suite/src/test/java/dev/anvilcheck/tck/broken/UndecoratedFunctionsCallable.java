package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RuntimeUnderTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Breaks CALL-06: every public method of a server module is callable, decorated or not. */
@Breaks(value = "CALL-06", bug = "a server module's undecorated functions are callable")
public final class UndecoratedFunctionsCallable extends DelegatingProvider {
    @Override
    protected void registerModule(RuntimeUnderTest rt, Object module) {
        rt.registerModule(module);
        for (Method m : module.getClass().getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 0
                    && !m.isAnnotationPresent(dev.anvilcheck.server.Callable.class)) {
                rt.register(m.getName(), arguments -> {
                    try {
                        return m.invoke(module);
                    } catch (IllegalAccessException | InvocationTargetException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
    }
}
