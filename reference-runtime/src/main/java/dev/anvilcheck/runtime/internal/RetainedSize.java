package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.Arguments;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;

/**
 * About how many bytes a value keeps alive: the bytes of the Media it holds and two bytes per
 * character of its strings, plus a little per other value; for a journal that must not hold more
 * than a budget of what calls sent (serve mode's). It looks at most {@value #MAX_NODES} values deep
 * and counts the rest as nothing.
 */
public final class RetainedSize {
    private static final int MAX_NODES = 10_000;

    private RetainedSize() {}

    /**
     * Estimates what {@code values} keep alive.
     *
     * @param values arguments, return values, lists, maps, Media, ...
     * @return the estimate in bytes
     */
    public static long of(Object... values) {
        ArrayDeque<Object> todo = new ArrayDeque<>();
        for (Object v : values) {
            if (v != null) {
                todo.push(v);
            }
        }
        long total = 0;
        int seen = 0;
        while (!todo.isEmpty() && seen++ < MAX_NODES) {
            Object v = todo.pop();
            if (v instanceof String s) {
                total += 2L * s.length();
            } else if (v instanceof LazyMedia) {
                total += 16;
            } else if (v instanceof Media m) {
                try {
                    total += Math.max(0, m.length());
                } catch (RuntimeException e) {
                    total += 16;
                }
            } else if (v instanceof Arguments a) {
                todo.push(a.args());
                todo.push(a.kwargs());
            } else if (v instanceof Collection<?> c) {
                total += 16;
                for (Object item : c) {
                    if (item != null) {
                        todo.push(item);
                    }
                }
            } else if (v instanceof Map<?, ?> m) {
                total += 16;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (e.getKey() != null) {
                        todo.push(e.getKey());
                    }
                    if (e.getValue() != null) {
                        todo.push(e.getValue());
                    }
                }
            } else {
                total += 16;
            }
        }
        return total;
    }
}
