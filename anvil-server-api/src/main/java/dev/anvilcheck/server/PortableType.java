package dev.anvilcheck.server;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.python.TypeError;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one portable class is taken apart and put back together (PORT-03, PORT-04, PORT-05): its
 * fields, its hooks, and how an instance is made without a constructor. Built once per class and
 * cached; building it validates the class, so a class that cannot be portable is refused with a
 * {@link TypeError} when it is registered.
 */
final class PortableType {
    private static final ClassValue<PortableType> CACHE = new ClassValue<>() {
        @Override
        protected PortableType computeValue(Class<?> type) {
            return new PortableType(type);
        }
    };

    private final Class<?> type;
    private final Field[] fields;
    private final MethodHandle serialize;
    private final MethodHandle deserialize;
    private final MethodHandle newDeserialized;
    private final Constructor<?> canonical;
    private volatile Constructor<?> allocator;

    static PortableType of(Class<?> type) {
        return CACHE.get(type);
    }

    private PortableType(Class<?> type) {
        this.type = type;
        refuseUnportable(type);
        this.serialize = hook(type, "serialize", false, Object.class, SerializationInfo.class);
        this.deserialize = hook(type, "deserialize", false, void.class, Object.class, SerializationInfo.class);
        this.newDeserialized = staticHook(type);
        this.fields = fields(type);
        if (type.isRecord()) {
            if (deserialize != null && newDeserialized == null) {
                throw refuse(type, "a record cannot be deserialized in place (its fields are final);"
                        + " declare static newDeserialized(Object data, SerializationInfo info) instead");
            }
            this.canonical = canonicalConstructor(type);
        } else {
            this.canonical = null;
        }
    }

    private static void refuseUnportable(Class<?> type) {
        String why = null;
        if (type.isPrimitive() || type.isArray()) {
            why = "primitives and arrays cross as values, or not at all";
        } else if (type.isInterface() || type.isAnnotation()) {
            why = "only classes can be portable, not interfaces";
        } else if (type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
            why = "enum constants are singletons that a copy would duplicate";
        } else if (type.isHidden()) {
            why = "hidden classes (lambdas and the like) have no name a receiver could find";
        } else if (type.isAnonymousClass() || type.isLocalClass()) {
            why = "local and anonymous classes have no stable name; declare a top-level or static nested class";
        } else if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            why = "an inner class captures its enclosing instance; make it a static nested class";
        } else if (isJdk(type)) {
            why = "classes of the JDK cannot be portable";
        } else if (List.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                || Media.class.isAssignableFrom(type) || Capability.class.isAssignableFrom(type)
                || Collection.class.isAssignableFrom(type)) {
            why = "lists, maps, Media and Capabilities cross as themselves; collections are refused (SER-04)";
        }
        if (why != null) {
            throw refuse(type, why);
        }
    }

    private static boolean isJdk(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    private static TypeError refuse(Class<?> type, String why) {
        return new TypeError("Cannot register " + type.getName() + " as a portable class: " + why);
    }

    /** Every non-static, non-transient, non-synthetic field, superclass fields first. */
    private static Field[] fields(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class && c != Record.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        Map<String, Field> byName = new LinkedHashMap<>();
        for (Class<?> c : chain) {
            if (isJdk(c)) {
                throw refuse(type, "it extends " + c.getName() + ", whose fields are the JDK's own");
            }
            for (Field f : c.getDeclaredFields()) {
                int mods = f.getModifiers();
                if (Modifier.isStatic(mods) || Modifier.isTransient(mods) || f.isSynthetic()) {
                    continue;
                }
                Field previous = byName.put(f.getName(), f);
                if (previous != null) {
                    throw refuse(type, "two of its fields are named '" + f.getName() + "' ("
                            + previous.getDeclaringClass().getName() + " and " + c.getName()
                            + "); an instance is sent as a map of field names");
                }
                try {
                    f.setAccessible(true);
                } catch (RuntimeException e) {
                    throw refuse(type, "its field '" + f.getName() + "' cannot be accessed (" + e.getMessage()
                            + "); open its package to module dev.anvilcheck.server.api");
                }
            }
        }
        return byName.values().toArray(new Field[0]);
    }

    private static MethodHandle hook(Class<?> type, String name, boolean isStatic, Class<?> returnType,
            Class<?>... parameters) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (!m.getName().equals(name) || !Arrays.equals(m.getParameterTypes(), parameters)
                        || m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                if (Modifier.isStatic(m.getModifiers()) != isStatic) {
                    throw refuse(type, hookForm(name) + " must " + (isStatic ? "" : "not ") + "be static");
                }
                if (returnType != void.class && m.getReturnType() == void.class) {
                    throw refuse(type, hookForm(name) + " must return a value");
                }
                return unreflect(type, m);
            }
            if (isStatic) {
                break;
            }
        }
        return null;
    }

    private static MethodHandle staticHook(Class<?> type) {
        MethodHandle h = hook(type, "newDeserialized", true, Object.class, Object.class, SerializationInfo.class);
        return h == null ? null : h.asType(MethodType.methodType(Object.class, Object.class, SerializationInfo.class));
    }

    private static String hookForm(String name) {
        switch (name) {
            case "serialize":
                return "Object serialize(SerializationInfo info)";
            case "deserialize":
                return "void deserialize(Object data, SerializationInfo info)";
            default:
                return "static newDeserialized(Object data, SerializationInfo info)";
        }
    }

    private static MethodHandle unreflect(Class<?> type, Method m) {
        try {
            m.setAccessible(true);
            return MethodHandles.lookup().unreflect(m);
        } catch (IllegalAccessException | RuntimeException e) {
            throw refuse(type, "its hook " + m.getName() + "() cannot be accessed (" + e.getMessage() + ")");
        }
    }

    private static Constructor<?> canonicalConstructor(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> c = type.getDeclaredConstructor(types);
            c.setAccessible(true);
            return c;
        } catch (NoSuchMethodException | RuntimeException e) {
            throw refuse(type, "its canonical constructor cannot be accessed (" + e.getMessage() + ")");
        }
    }

    // ---------------------------------------------------------------- sending

    Object serialize(Object instance, SerializationInfo info) {
        if (serialize != null) {
            return invoke(serialize, instance, info);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (Field f : fields) {
            try {
                data.put(f.getName(), f.get(instance));
            } catch (IllegalAccessException e) {
                throw refuse(type, "its field '" + f.getName() + "' cannot be read (" + e.getMessage() + ")");
            }
        }
        return data;
    }

    // ---------------------------------------------------------------- receiving

    Object reconstruct(Object data, SerializationInfo info) {
        if (newDeserialized != null) {
            return invoke(newDeserialized, data, info);
        }
        if (canonical != null) {
            return construct(fieldData(data));
        }
        Object instance = allocate();
        if (deserialize != null) {
            invoke(deserialize, instance, data, info);
            return instance;
        }
        Map<?, ?> values = fieldData(data);
        Map<String, Field> byName = new LinkedHashMap<>();
        for (Field f : fields) {
            byName.put(f.getName(), f);
        }
        for (Map.Entry<?, ?> e : values.entrySet()) {
            Field f = byName.get(String.valueOf(e.getKey()));
            if (f == null) {
                throw new TypeError("Cannot reconstruct " + type.getName() + ": it has no field '" + e.getKey()
                        + "' (without a deserialize hook, the data must be a map of its field names)");
            }
            Object value = fit(e.getValue(), f.getType(), f.getName());
            try {
                f.set(instance, value);
            } catch (IllegalAccessException | RuntimeException ex) {
                throw new TypeError("Cannot reconstruct " + type.getName() + ": its field '" + f.getName()
                        + "' cannot be set (" + ex.getMessage() + ")");
            }
        }
        return instance;
    }

    private Map<?, ?> fieldData(Object data) {
        if (data instanceof Map<?, ?> map) {
            return map;
        }
        throw new TypeError("Cannot reconstruct " + type.getName() + " from "
                + (data == null ? "None" : "a " + data.getClass().getName())
                + ": without a deserialize or newDeserialized hook, the data must be a map of field names");
    }

    private Object construct(Map<?, ?> values) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] arguments = new Object[components.length];
        int used = 0;
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            if (values.containsKey(name)) {
                used++;
            }
            arguments[i] = fit(values.get(name), components[i].getType(), name);
        }
        if (used < values.size()) {
            for (Object key : values.keySet()) {
                boolean known = false;
                for (RecordComponent c : components) {
                    known |= c.getName().equals(key);
                }
                if (!known) {
                    throw new TypeError("Cannot reconstruct " + type.getName() + ": it has no component '" + key + "'");
                }
            }
        }
        try {
            return canonical.newInstance(arguments);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw sneaky(e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new TypeError("Cannot reconstruct " + type.getName() + " with its canonical constructor: " + e);
        }
    }

    /** The value as the field's type holds it: numbers narrowed where they fit, lists to {@code Object[]}. */
    private Object fit(Object value, Class<?> target, String field) {
        if (value == null) {
            if (target.isPrimitive()) {
                throw mismatch(field, target, null);
            }
            return null;
        }
        Class<?> boxed = box(target);
        if (boxed.isInstance(value)) {
            return value;
        }
        if (value instanceof Long l) {
            if (boxed == Integer.class && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return l.intValue();
            }
            if (boxed == Short.class && l >= Short.MIN_VALUE && l <= Short.MAX_VALUE) {
                return l.shortValue();
            }
            if (boxed == Byte.class && l >= Byte.MIN_VALUE && l <= Byte.MAX_VALUE) {
                return l.byteValue();
            }
            if (boxed == Double.class) {
                return l.doubleValue();
            }
            if (boxed == Float.class) {
                return l.floatValue();
            }
            if (boxed == BigInteger.class) {
                return BigInteger.valueOf(l);
            }
        }
        if (value instanceof Double d && boxed == Float.class) {
            return d.floatValue();
        }
        if (value instanceof List<?> list && target == Object[].class) {
            return list.toArray();
        }
        throw mismatch(field, target, value);
    }

    private TypeError mismatch(String field, Class<?> target, Object value) {
        return new TypeError("Cannot reconstruct " + type.getName() + ": its field '" + field + "' ("
                + target.getSimpleName() + ") cannot hold the received "
                + (value == null ? "None" : value.getClass().getSimpleName() + " " + value));
    }

    private static Class<?> box(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        if (t == int.class) {
            return Integer.class;
        }
        if (t == long.class) {
            return Long.class;
        }
        if (t == double.class) {
            return Double.class;
        }
        if (t == boolean.class) {
            return Boolean.class;
        }
        if (t == float.class) {
            return Float.class;
        }
        if (t == short.class) {
            return Short.class;
        }
        if (t == byte.class) {
            return Byte.class;
        }
        return Character.class;
    }

    /** A new instance on which no constructor of the class or its superclasses has run (PORT-04). */
    private Object allocate() {
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new TypeError("Cannot reconstruct " + type.getName() + ": it is abstract");
        }
        Constructor<?> c = allocator;
        if (c == null) {
            c = Allocation.constructorFor(type);
            allocator = c;
        }
        try {
            return c.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new TypeError("Cannot allocate " + type.getName() + " without a constructor: " + e);
        }
    }

    private static Object invoke(MethodHandle handle, Object... arguments) {
        try {
            return handle.invokeWithArguments(arguments);
        } catch (Throwable t) {
            throw sneaky(t);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    /**
     * Allocation without a constructor, as Java deserialisation allocates: a constructor for the
     * class made by the JDK's {@code sun.reflect.ReflectionFactory} (module {@code jdk.unsupported},
     * present on JDK 17 to 25) that runs only {@link Object}'s constructor. Looked up reflectively,
     * so that its absence surfaces as a {@link TypeError} naming the module rather than a
     * linkage error.
     */
    private static final class Allocation {
        private static final Object FACTORY;
        private static final Method NEW_CONSTRUCTOR;
        private static final Constructor<Object> OBJECT_CONSTRUCTOR;
        private static final String PROBLEM;

        static {
            Object factory = null;
            Method method = null;
            Constructor<Object> objectConstructor = null;
            String problem = null;
            try {
                Class<?> rf = Class.forName("sun.reflect.ReflectionFactory");
                factory = rf.getMethod("getReflectionFactory").invoke(null);
                method = rf.getMethod("newConstructorForSerialization", Class.class, Constructor.class);
                objectConstructor = Object.class.getDeclaredConstructor();
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                problem = e.toString();
            }
            FACTORY = factory;
            NEW_CONSTRUCTOR = method;
            OBJECT_CONSTRUCTOR = objectConstructor;
            PROBLEM = problem;
        }

        private Allocation() {}

        static Constructor<?> constructorFor(Class<?> type) {
            if (PROBLEM != null) {
                throw new TypeError("Cannot reconstruct " + type.getName() + " without a constructor: this JVM"
                        + " lacks sun.reflect.ReflectionFactory (module jdk.unsupported): " + PROBLEM
                        + "; give the class a static newDeserialized(Object, SerializationInfo) hook");
            }
            try {
                Constructor<?> c = (Constructor<?>) NEW_CONSTRUCTOR.invoke(FACTORY, type, OBJECT_CONSTRUCTOR);
                if (c == null) {
                    throw new IllegalStateException("ReflectionFactory returned no constructor");
                }
                c.setAccessible(true);
                return c;
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new TypeError("Cannot reconstruct " + type.getName() + " without a constructor: " + e);
            }
        }
    }
}
