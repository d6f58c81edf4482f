package dev.anvilcheck.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The copy behind every crossing: walks lists, maps and tuples by recursion, copying each into a
 * fresh, mutable {@link ArrayList} or {@link LinkedHashMap} (SER-02, SER-03, SER-10), and hands
 * every other value to {@link LeafCopier}. Below {@link #TRACKING_DEPTH} nested containers it
 * switches to {@link DeepCopy}, which walks with an explicit stack and tracks the containers on the
 * current path, so shallow values pay for no bookkeeping; a cycle found deep down is re-located
 * exactly from the root (SER-11). A refusal unwinds as a {@link Refusal} that collects its path on
 * the way out; {@link Sending} turns it into the error of the copy's purpose.
 */
final class Copier {
    /** Nesting depth from which a copy walks with an explicit stack and tracks cycles. */
    static final int TRACKING_DEPTH = 64;

    private Copier() {}

    /**
     * Copies a value from the root of its message; a cycle found deep down is re-located exactly.
     * Values that are their own copy return at once, without handing the rules on, so that a
     * crossing of one such value (most return values) keeps its rules local to the compiled caller.
     */
    static Object copyRooted(Object value, Rules rules) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
                || value instanceof Double) {
            return value;
        }
        try {
            return copyValue(value, rules, 0);
        } catch (Refusal r) {
            throw r.isCycle() ? DeepCopy.locate(value, rules, r) : r;
        }
    }

    /** The recursive fast path; {@code depth} counts the containers around {@code value}. */
    static Object copyValue(Object value, Rules rules, int depth) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer i) {
            return Long.valueOf(i);
        }
        if (value instanceof List<?> list) {
            return depth >= TRACKING_DEPTH ? DeepCopy.copy(list, rules) : copyList(list, rules, depth);
        }
        if (value instanceof Map<?, ?> map) {
            return depth >= TRACKING_DEPTH ? DeepCopy.copy(map, rules) : copyMap(map, rules, depth);
        }
        if (value instanceof Object[] tuple) {
            return depth >= TRACKING_DEPTH ? DeepCopy.copy(tuple, rules) : copyTuple(tuple, rules, depth);
        }
        return LeafCopier.copyLeaf(value, rules, depth);
    }

    /** Copies a list; the element copy is inlined, so each level of nesting costs two frames. */
    private static List<Object> copyList(List<?> source, Rules rules, int depth) {
        int size = source.size();
        List<Object> out = new ArrayList<>(size);
        if (source instanceof RandomAccess) {
            for (int i = 0; i < size; i++) {
                Object copied;
                try {
                    copied = copyValue(source.get(i), rules, depth + 1);
                } catch (Refusal r) {
                    throw r.at(i);
                }
                add(out, copied);
            }
        } else {
            int i = 0;
            for (Object item : source) {
                Object copied;
                try {
                    copied = copyValue(item, rules, depth + 1);
                } catch (Refusal r) {
                    throw r.at(i);
                }
                add(out, copied);
                i++;
            }
        }
        return out;
    }

    private static List<Object> copyTuple(Object[] source, Rules rules, int depth) {
        List<Object> out = new ArrayList<>(source.length);
        for (int i = 0; i < source.length; i++) {
            Object copied;
            try {
                copied = copyValue(source[i], rules, depth + 1);
            } catch (Refusal r) {
                throw r.at(i);
            }
            add(out, copied);
        }
        return out;
    }

    /** Appends a copied element, telling a placeholder where it sits. */
    static void add(List<Object> out, Object copied) {
        if (copied instanceof Placeholder p) {
            p.attach(out, out.size());
        }
        out.add(copied);
    }

    private static Map<String, Object> copyMap(Map<?, ?> source, Rules rules, int depth) {
        Map<String, Object> out = new LinkedHashMap<>(mapCapacity(source.size()));
        for (Map.Entry<?, ?> entry : source.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw Refusal.nonStringKey(entry.getKey());
            }
            Object copied;
            try {
                copied = copyValue(entry.getValue(), rules, depth + 1);
            } catch (Refusal r) {
                throw r.at(key);
            }
            put(out, key, copied);
        }
        return out;
    }

    /** Puts a copied value, telling a placeholder where it sits. */
    static void put(Map<String, Object> out, String key, Object copied) {
        if (copied instanceof Placeholder p) {
            p.attach(out, key);
        }
        out.put(key, copied);
    }

    static int mapCapacity(int size) {
        return size < 3 ? size + 1 : (int) (size / 0.75f) + 1;
    }
}
