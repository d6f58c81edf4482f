package dev.anvilcheck.hosting;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.BackgroundTask;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.HttpRequest;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.UserPredicate;
import dev.anvilcheck.server.VarKeyword;
import dev.anvilcheck.server.host.CallScope;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The one binder of annotated server code, which every host uses: the reference runtime
 * ({@code register}, serve mode's {@code --module}) and the Java uplink client
 * ({@code Uplink.registerAll}), so that a module behaves alike wherever it runs (CONVENTIONS 18).
 * It turns the {@link Callable} and {@link BackgroundTask} methods of a server module into
 * {@link BoundFunction}s; a background task is registered as {@code task:<name>} (CALL-12), and a method
 * with both annotations gets both registrations (TASK-24). Positional arguments
 * bind to parameters in order, keyword arguments by parameter name (CALL-03); parameters of type
 * {@link CallContext}, {@link Session} and {@link HttpRequest} are injected; a {@code Map} parameter
 * annotated {@link VarKeyword} takes every keyword argument no other parameter takes (Python's
 * {@code **kwargs}, HTTP-05). Values convert to the parameter's type
 * where Python would accept them (an int for a {@code double}, a small int for an {@code int});
 * anything else raises {@code TypeError} naming the function and parameter.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MethodBinder {
    private MethodBinder() {}

    /**
     * The registrations of every {@code @Callable} method of a server module.
     *
     * @param module an instance (its instance and static methods), or a {@link Class} (its static
     *     methods)
     * @return the registrations, in a stable order
     * @throws IllegalArgumentException if the module has no such method or one cannot be bound
     */
    public static List<BoundFunction> scan(Object module) {
        List<BoundFunction> out = scanCallables(module);
        if (out.isEmpty()) {
            Class<?> type = module instanceof Class<?> c ? c : module.getClass();
            throw new IllegalArgumentException(type.getName() + " has no @Callable methods to register, and no"
                    + " @BackgroundTask methods");
        }
        return out;
    }

    /**
     * The registrations of every {@code @Callable} and {@code @BackgroundTask} method of a server
     * module, possibly none.
     *
     * @param module an instance (its instance and static methods), or a {@link Class} (its static
     *     methods)
     * @return the registrations, in a stable order
     * @throws IllegalArgumentException if a method cannot be bound
     */
    public static List<BoundFunction> scanCallables(Object module) {
        boolean staticOnly = module instanceof Class<?>;
        Class<?> type = staticOnly ? (Class<?>) module : module.getClass();
        List<Method> methods = new ArrayList<>(annotated(module, Callable.class));
        for (Method m : annotated(module, BackgroundTask.class)) {
            if (!methods.contains(m)) {
                methods.add(m);
            }
        }
        methods.sort(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        List<BoundFunction> out = new ArrayList<>();
        for (Method m : methods) {
            boolean isStatic = Modifier.isStatic(m.getModifiers());
            if (staticOnly && !isStatic) {
                String kind = m.isAnnotationPresent(Callable.class) ? "@Callable" : "@BackgroundTask";
                throw new IllegalArgumentException(kind + " method " + describe(m) + " is an instance method:"
                        + " register an instance of " + type.getName() + ", not the class");
            }
            Callable annotation = m.getAnnotation(Callable.class);
            if (annotation != null) {
                String name = annotation.value().isEmpty() ? m.getName() : annotation.value();
                out.add(new BoundFunction(name, requireUser(annotation, m), bind(m, isStatic ? null : module, name)));
            }
            BackgroundTask task = m.getAnnotation(BackgroundTask.class);
            if (task != null) {
                String name = task.value().isEmpty() ? m.getName() : task.value();
                out.add(new BoundFunction(BackgroundTask.NAME_PREFIX + name, RequireUser.none(),
                        bind(m, isStatic ? null : module, name)));
            }
        }
        return out;
    }

    /**
     * The methods of a module that carry an annotation, in a stable order (by name, then
     * signature), including those inherited from superclasses.
     *
     * @param module an instance or a {@link Class}
     * @param annotation the annotation
     * @return the methods
     */
    public static List<Method> annotated(Object module, Class<? extends java.lang.annotation.Annotation> annotation) {
        Class<?> type = module instanceof Class<?> c ? c : module.getClass();
        List<Method> methods = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(annotation) && !m.isSynthetic() && !m.isBridge()) {
                    methods.add(m);
                }
            }
        }
        methods.sort(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        return methods;
    }

    private static RequireUser requireUser(Callable annotation, Method m) {
        return requireUser(annotation.requireUser(), annotation.requireUserWhere(), m);
    }

    /**
     * The policy of a {@code requireUser}/{@code requireUserWhere} pair of annotation values.
     *
     * @param required whether a user must be logged in
     * @param predicateType the predicate's class, or {@code UserPredicate.class} for none
     * @param m the annotated method, for messages
     * @return the policy
     * @throws IllegalArgumentException if the predicate cannot be instantiated
     */
    public static RequireUser requireUser(boolean required, Class<? extends UserPredicate> predicateType, Method m) {
        if (predicateType == UserPredicate.class) {
            return required ? RequireUser.loggedIn() : RequireUser.none();
        }
        try {
            Constructor<? extends UserPredicate> constructor = predicateType.getDeclaredConstructor();
            constructor.setAccessible(true);
            return RequireUser.where(constructor.newInstance());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("@Callable(requireUserWhere = " + predicateType.getName()
                    + ".class) on " + describe(m) + ": the predicate needs a no-argument constructor that works ("
                    + e + ")", e);
        }
    }

    private static String describe(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName() + "()";
    }

    /**
     * Binds one method as a server function.
     *
     * @param method the method
     * @param receiver the instance for an instance method, {@code null} for a static one
     * @param name the name that messages use
     * @return the function
     * @throws IllegalArgumentException if the method cannot be accessed
     */
    public static ServerFunction bind(Method method, Object receiver, String name) {
        return bind(method, receiver, name, true);
    }

    /**
     * Binds one method as a server function, refusing a method without parameter names only if
     * {@code requireNames} says so: the methods of a portable class ({@code @ServerMethod}) are
     * found when they are first called, not when a module is registered, so they keep working
     * with positional arguments (a keyword argument then raises {@code TypeError}).
     *
     * @param method the method
     * @param receiver the instance for an instance method, {@code null} for a static one
     * @param name the name that messages use
     * @param requireNames whether to refuse a method whose parameter names were not compiled in
     * @return the function
     * @throws IllegalArgumentException if the method cannot be accessed, or lacks parameter names
     *     that are required
     */
    public static ServerFunction bind(Method method, Object receiver, String name, boolean requireNames) {
        MethodHandle handle;
        try {
            method.setAccessible(true);
            handle = MethodHandles.lookup().unreflect(method);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot access @Callable method " + describe(method) + ": " + e, e);
        }
        if (receiver != null) {
            handle = handle.bindTo(receiver);
        }
        Parameter[] parameters = method.getParameters();
        MethodHandle spread = handle.asSpreader(Object[].class, parameters.length)
                .asType(MethodType.methodType(Object.class, Object[].class));
        ParamSpec[] specs = new ParamSpec[parameters.length];
        int positional = 0;
        boolean varKeyword = false;
        for (int i = 0; i < parameters.length; i++) {
            specs[i] = ParamSpec.of(parameters[i]);
            if (specs[i].injected == 0) {
                if (!specs[i].named && requireNames) {
                    throw new IllegalArgumentException(withoutParameterNames(method));
                }
                positional++;
            } else if (specs[i].injected == VAR_KEYWORD) {
                if (varKeyword || !parameters[i].getType().isAssignableFrom(Map.class)) {
                    throw new IllegalArgumentException("@VarKeyword goes on one Map<String, Object> parameter of "
                            + describe(method));
                }
                varKeyword = true;
            }
        }
        return new BoundMethod(name, spread, specs, positional);
    }

    /**
     * The message for a server method whose class was compiled without {@code -parameters}: its
     * parameters are then {@code arg0}, {@code arg1}, ..., so keyword arguments (and an endpoint's
     * path, query and form parameters, which arrive as keyword arguments) could never reach them.
     * Refusing it when the module is registered points at the fix before any call fails.
     */
    private static String withoutParameterNames(Method method) {
        StringBuilder signature = new StringBuilder();
        for (Class<?> type : method.getParameterTypes()) {
            signature.append(signature.length() == 0 ? "" : ", ").append(type.getSimpleName());
        }
        return "Cannot register " + method.getDeclaringClass().getName() + "." + method.getName() + "(" + signature
                + "): its parameter names were not compiled into the class (it was compiled without -parameters),"
                + " so keyword arguments, and an endpoint's path, query and form parameters, cannot bind to them."
                + " Compile server code with -parameters: in Maven, <parameters>true</parameters> in the"
                + " configuration of maven-compiler-plugin; in Gradle, options.compilerArgs.add(\"-parameters\")"
                + " in tasks.withType(JavaCompile)";
    }

    private static final int VAR_KEYWORD = 4;

    private static final class ParamSpec {
        final String name;
        final Class<?> type;
        final int injected; // 0 = argument, 1 = context, 2 = session, 3 = request, 4 = **kwargs
        final boolean named;

        private ParamSpec(String name, Class<?> type, int injected, boolean named) {
            this.name = name;
            this.type = type;
            this.injected = injected;
            this.named = named;
        }

        static ParamSpec of(Parameter p) {
            Class<?> t = p.getType();
            int injected = p.isAnnotationPresent(VarKeyword.class) ? VAR_KEYWORD
                    : t == CallContext.class ? 1 : t == Session.class ? 2 : t == HttpRequest.class ? 3 : 0;
            return new ParamSpec(p.getName(), t, injected, p.isNamePresent());
        }
    }

    private static final class BoundMethod implements ServerFunction {
        private final String name;
        private final MethodHandle handle;
        private final ParamSpec[] specs;
        private final int positionalCount;

        BoundMethod(String name, MethodHandle handle, ParamSpec[] specs, int positionalCount) {
            this.name = name;
            this.handle = handle;
            this.specs = specs;
            this.positionalCount = positionalCount;
        }

        @Override
        public Object invoke(Arguments arguments) throws Exception {
            List<Object> args = arguments.args();
            Map<String, Object> kwargs = arguments.kwargs();
            if (args.size() > positionalCount) {
                throw new TypeError(name + "() takes " + positionalCount + " positional argument"
                        + (positionalCount == 1 ? "" : "s") + " but " + args.size() + " were given");
            }
            Object[] values = new Object[specs.length];
            int next = 0;
            int kwUsed = 0;
            List<String> missing = null;
            int varKeyword = -1;
            for (int i = 0; i < specs.length; i++) {
                ParamSpec spec = specs[i];
                if (spec.injected == VAR_KEYWORD) {
                    varKeyword = i;
                    continue;
                }
                if (spec.injected != 0) {
                    CallScope scope = CallScope.current();
                    values[i] = spec.injected == 1 ? scope.context()
                            : spec.injected == 2 ? scope.session() : scope.request();
                    continue;
                }
                if (next < args.size()) {
                    if (!kwargs.isEmpty() && kwargs.containsKey(spec.name)) {
                        throw new TypeError(name + "() got multiple values for argument '" + spec.name + "'");
                    }
                    values[i] = convert(args.get(next++), spec);
                } else if (kwargs.containsKey(spec.name)) {
                    values[i] = convert(kwargs.get(spec.name), spec);
                    kwUsed++;
                } else {
                    if (missing == null) {
                        missing = new ArrayList<>();
                    }
                    missing.add(spec.name);
                }
            }
            if (varKeyword >= 0) {
                Map<String, Object> rest = new LinkedHashMap<>();
                kwargs.forEach((key, value) -> {
                    if (!isParameter(key)) {
                        rest.put(key, value);
                    }
                });
                values[varKeyword] = Collections.unmodifiableMap(rest);
            } else if (kwUsed < kwargs.size()) {
                for (String key : kwargs.keySet()) {
                    if (!isParameter(key)) {
                        throw new TypeError(name + "() got an unexpected keyword argument '" + key + "'");
                    }
                }
            }
            if (missing != null) {
                throw new TypeError(name + "() missing " + missing.size() + " required argument"
                        + (missing.size() == 1 ? "" : "s") + ": '" + String.join("', '", missing) + "'");
            }
            try {
                return (Object) handle.invokeExact(values);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        private boolean isParameter(String key) {
            for (ParamSpec spec : specs) {
                if (spec.injected == 0 && spec.name.equals(key)) {
                    return true;
                }
            }
            return false;
        }

        private Object convert(Object value, ParamSpec spec) {
            Class<?> t = spec.type;
            if (value == null) {
                if (t.isPrimitive()) {
                    throw mismatch(spec, value);
                }
                return null;
            }
            if (t == Object.class || (!t.isPrimitive() && t.isInstance(value))) {
                return value;
            }
            if (t == long.class || t == Long.class) {
                if (value instanceof Long) {
                    return value;
                }
            } else if (t == int.class || t == Integer.class) {
                if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                    return l.intValue();
                }
            } else if (t == short.class || t == Short.class) {
                if (value instanceof Long l && l >= Short.MIN_VALUE && l <= Short.MAX_VALUE) {
                    return l.shortValue();
                }
            } else if (t == byte.class || t == Byte.class) {
                if (value instanceof Long l && l >= Byte.MIN_VALUE && l <= Byte.MAX_VALUE) {
                    return l.byteValue();
                }
            } else if (t == double.class || t == Double.class) {
                if (value instanceof Double || value instanceof Long) {
                    return ((Number) value).doubleValue();
                }
            } else if (t == float.class || t == Float.class) {
                if (value instanceof Double || value instanceof Long) {
                    return ((Number) value).floatValue();
                }
            } else if (t == boolean.class) {
                if (value instanceof Boolean) {
                    return value;
                }
            } else if (t == BigInteger.class) {
                if (value instanceof Long l) {
                    return BigInteger.valueOf(l);
                }
            }
            throw mismatch(spec, value);
        }

        private TypeError mismatch(ParamSpec spec, Object value) {
            return new TypeError(name + "() argument '" + spec.name + "' must be " + spec.type.getSimpleName()
                    + ", not " + (value == null ? "None" : value.getClass().getSimpleName()
                            + (value instanceof Long ? " " + value : "")));
        }
    }
}
