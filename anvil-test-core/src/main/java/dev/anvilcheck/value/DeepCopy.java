package dev.anvilcheck.value;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The slow, exhaustive copy that {@link Copier} switches to below
 * {@link Copier#TRACKING_DEPTH} nested containers: it walks with an explicit stack instead of
 * recursion, so nesting is limited by the heap rather than the thread's stack, and it keeps the
 * containers on the current path in an identity set, so a container met again inside itself is
 * refused as a circular reference exactly where the cycle closes (SER-10, SER-11). Containers that
 * are merely shared (the same list twice, side by side) are not on each other's path and are
 * copied twice.
 */
final class DeepCopy {
    private DeepCopy() {}

    /**
     * Copies {@code container} (a {@link List}, {@link Map} or {@code Object[]}) with the rules of
     * {@link LeafCopier#copyLeaf} for everything that is not a container.
     */
    static Object copy(Object container, Rules rules) {
        IdentityHashMap<Object, Boolean> onPath = new IdentityHashMap<>();
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        Frame first = Frame.open(container);
        onPath.put(container, Boolean.TRUE);
        stack.push(first);
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (!frame.advance()) {
                onPath.remove(stack.pop().source);
                continue;
            }
            if (frame.badKey) {
                throw located(Refusal.nonStringKey(frame.badKeyValue), stack, false);
            }
            Object child = frame.child;
            if (isContainer(child)) {
                if (onPath.containsKey(child)) {
                    throw located(Refusal.cycle(), stack, true);
                }
                Frame next = Frame.open(child);
                frame.accept(next.output());
                onPath.put(child, Boolean.TRUE);
                stack.push(next);
            } else {
                Object copied;
                try {
                    copied = LeafCopier.copyLeaf(child, rules);
                } catch (Refusal r) {
                    throw located(r, stack, true);
                }
                frame.accept(copied);
            }
        }
        return first.output();
    }

    /**
     * Re-walks {@code value} from its root with cycle tracking from the first level, to name the
     * exact place where a cycle found deep down first closes (SER-11). Returns the refusal that
     * walk raises, or {@code fallback} if it raises none.
     */
    static Refusal locate(Object value, Rules rules, Refusal fallback) {
        if (!isContainer(value)) {
            return fallback;
        }
        try {
            copy(value, rules);
            return fallback;
        } catch (Refusal exact) {
            return exact;
        }
    }

    static boolean isContainer(Object value) {
        return value instanceof List || value instanceof Map || value instanceof Object[];
    }

    private static Refusal located(Refusal refusal, ArrayDeque<Frame> stack, boolean includeTop) {
        Iterator<Frame> frames = stack.iterator();
        if (!includeTop) {
            frames.next();
        }
        while (frames.hasNext()) {
            refusal.at(frames.next().segment());
        }
        return refusal;
    }

    /** One container being copied: where the walk is inside it, and its copy. */
    private static final class Frame {
        final Object source;
        private final Iterator<?> iterator;
        private final Object[] array;
        private final List<Object> list;
        private final Map<String, Object> map;
        private int index = -1;
        private String key;
        Object child;
        boolean badKey;
        /** The refused key, when {@link #badKey} is set. */
        Object badKeyValue;

        private Frame(Object source, Iterator<?> iterator, Object[] array, List<Object> list,
                Map<String, Object> map) {
            this.source = source;
            this.iterator = iterator;
            this.array = array;
            this.list = list;
            this.map = map;
        }

        static Frame open(Object container) {
            if (container instanceof List<?> l) {
                return new Frame(l, l.iterator(), null, new ArrayList<>(l.size()), null);
            }
            if (container instanceof Map<?, ?> m) {
                return new Frame(m, m.entrySet().iterator(), null, null,
                        new LinkedHashMap<>(Copier.mapCapacity(m.size())));
            }
            Object[] a = (Object[]) container;
            return new Frame(a, null, a, new ArrayList<>(a.length), null);
        }

        /** Moves to the next child; false when there is none. Sets {@link #badKey} for a non-String key. */
        boolean advance() {
            if (array != null) {
                if (index + 1 >= array.length) {
                    return false;
                }
                child = array[++index];
                return true;
            }
            if (!iterator.hasNext()) {
                return false;
            }
            if (map == null) {
                index++;
                child = iterator.next();
                return true;
            }
            Map.Entry<?, ?> entry = (Map.Entry<?, ?>) iterator.next();
            if (entry.getKey() instanceof String k) {
                key = k;
                child = entry.getValue();
            } else {
                badKey = true;
                badKeyValue = entry.getKey();
            }
            return true;
        }

        void accept(Object copied) {
            if (map != null) {
                Copier.put(map, key, copied);
            } else {
                Copier.add(list, copied);
            }
        }

        Object output() {
            return map != null ? map : list;
        }

        Object segment() {
            return map != null ? key : (Object) index;
        }
    }
}
