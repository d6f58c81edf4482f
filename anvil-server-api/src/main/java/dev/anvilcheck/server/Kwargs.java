package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Keyword arguments for a call, written as the last argument:
 * {@code call("send_invoice", 42, kw("urgent", true).and("copies", 2))} is Python's
 * {@code call("send_invoice", 42, urgent=True, copies=2)} (CALL-03). A {@code Kwargs} is not a
 * value and never crosses a call boundary itself.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class Kwargs {
    private final Map<String, Object> values;

    private Kwargs(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * One keyword argument.
     *
     * @param name the keyword, which binds to the parameter of that name
     * @param value the value
     * @return the keyword arguments
     */
    public static Kwargs kw(String name, Object value) {
        return new Kwargs(new LinkedHashMap<>()).and(name, value);
    }

    /**
     * Keyword arguments from a map, in its iteration order.
     *
     * @param values the keyword arguments
     * @return the keyword arguments
     */
    public static Kwargs of(Map<String, ?> values) {
        Kwargs kwargs = new Kwargs(new LinkedHashMap<>());
        values.forEach(kwargs::and);
        return kwargs;
    }

    /**
     * A copy of these keyword arguments with one more.
     *
     * @param name the keyword
     * @param value the value
     * @return the new keyword arguments
     * @throws dev.anvilcheck.python.TypeError if {@code name} is {@code null} or given twice
     */
    public Kwargs and(String name, Object value) {
        if (name == null) {
            throw new dev.anvilcheck.python.TypeError("keyword argument names must be strings, got null");
        }
        if (values.containsKey(name)) {
            throw new dev.anvilcheck.python.TypeError("keyword argument repeated: " + name);
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Kwargs(copy);
    }

    /**
     * The keyword arguments, read-only, in the order given.
     *
     * @return the keyword arguments
     */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Kwargs k && values.equals(k.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return "Kwargs" + values;
    }
}
