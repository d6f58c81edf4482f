package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The positional and keyword arguments a server function receives, after they crossed the call
 * boundary (CALL-03, SER-15). Both collections are the callee's own copies.
 *
 * @param args the positional arguments
 * @param kwargs the keyword arguments, in the order they were given
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Arguments(List<Object> args, Map<String, Object> kwargs) {
    private static final Arguments NONE = new Arguments(List.of(), Map.of());
    private static final Class<?> UNMODIFIABLE_LIST = Collections.unmodifiableList(new java.util.ArrayList<>()).getClass();
    private static final Class<?> UNMODIFIABLE_MAP = Collections.unmodifiableMap(new java.util.HashMap<>()).getClass();

    /**
     * Validates the record; {@code null} collections stand for empty ones.
     *
     * @param args the positional arguments
     * @param kwargs the keyword arguments
     */
    public Arguments {
        args = args == null ? List.of() : readOnly(args);
        kwargs = kwargs == null || kwargs.isEmpty() ? Map.of() : readOnly(kwargs);
    }

    private static List<Object> readOnly(List<Object> list) {
        return list.getClass() == UNMODIFIABLE_LIST || list == List.<Object>of() ? list
                : Collections.unmodifiableList(list);
    }

    private static Map<String, Object> readOnly(Map<String, Object> map) {
        return map.getClass() == UNMODIFIABLE_MAP ? map : Collections.unmodifiableMap(map);
    }

    /**
     * No arguments.
     *
     * @return the empty arguments
     */
    public static Arguments none() {
        return NONE;
    }

    /**
     * Positional arguments only.
     *
     * @param args the positional arguments
     * @return the arguments
     */
    public static Arguments of(Object... args) {
        return new Arguments(java.util.Arrays.asList(args.clone()), Map.of());
    }

    /**
     * Splits Java varargs the way {@link AnvilServer#call(String, Object...)} reads them: a
     * trailing {@link Kwargs} holds the keyword arguments, everything before it is positional.
     *
     * @param args the varargs as written by the caller
     * @return the arguments
     * @throws dev.anvilcheck.python.TypeError if a {@code Kwargs} appears anywhere but last
     */
    public static Arguments fromVarargs(Object... args) {
        if (args == null || args.length == 0) {
            return NONE;
        }
        int last = args.length - 1;
        for (int i = 0; i < last; i++) {
            if (args[i] instanceof Kwargs) {
                throw new dev.anvilcheck.python.TypeError(
                        "Kwargs must be the last argument, but it was argument " + i + " of " + args.length);
            }
        }
        if (args[last] instanceof Kwargs kw) {
            return new Arguments(java.util.Arrays.asList(java.util.Arrays.copyOf(args, last)),
                    new LinkedHashMap<>(kw.asMap()));
        }
        return new Arguments(java.util.Arrays.asList(args.clone()), Map.of());
    }

    /**
     * The positional argument at {@code index}.
     *
     * @param index the position, from 0
     * @return the argument
     * @throws dev.anvilcheck.python.TypeError if there are not that many positional arguments
     */
    public Object get(int index) {
        if (index < 0 || index >= args.size()) {
            throw new dev.anvilcheck.python.TypeError(
                    "missing positional argument " + index + " (got " + args.size() + ")");
        }
        return args.get(index);
    }

    /**
     * The keyword argument {@code name}, or {@code null} if it was not given.
     *
     * @param name the keyword
     * @return the argument, or {@code null}
     */
    public Object kw(String name) {
        return kwargs.get(Objects.requireNonNull(name, "name"));
    }
}
