package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Callable;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Breaks CALL-24: a decorated function is registered under its own name even when the decorator names another. */
@Breaks(value = "CALL-24", bug = "the name given to @callable is ignored")
public final class DecoratorNameIgnored extends DelegatingProvider {
    @Override
    protected void registerModule(RuntimeUnderTest rt, Object module) {
        for (Method m : module.getClass().getDeclaredMethods()) {
            if (m.isAnnotationPresent(Callable.class) && m.getParameterCount() == 0) {
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
