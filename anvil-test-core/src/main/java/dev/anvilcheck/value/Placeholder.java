package dev.anvilcheck.value;

import java.util.List;
import java.util.Map;

/**
 * Where a portable object or class object sits in a copy between sending and receiving: its
 * registered name and, for an object, its data as copied (PORT-03..09). It remembers the container
 * slot it occupies, so the receiver can put the reconstructed object there. Placeholders are made
 * in the order the platform lists its object descriptors: an object's after everything inside it,
 * so reconstructing them in that order goes inner-first (PORT-09).
 */
final class Placeholder {
    /** The slot of a placeholder that is another placeholder's whole data. */
    static final Object DATA = new Object();

    final String name;
    final boolean classObject;
    Object data;
    private Object parent;
    private Object slot;

    Placeholder(String name, boolean classObject, Object data) {
        this.name = name;
        this.classObject = classObject;
        this.data = data;
        if (data instanceof Placeholder inner) {
            inner.attach(this, DATA);
        }
    }

    /**
     * Records the slot this placeholder occupies: an index of a list, a key of a map, or
     * {@link #DATA} of an enclosing placeholder or of the crossing ({@link Rules.Portables}) whose whole
     * value it is.
     */
    void attach(Object parent, Object slot) {
        this.parent = parent;
        this.slot = slot;
    }

    /** Puts {@code value} where this placeholder is. */
    @SuppressWarnings("unchecked")
    void replaceWith(Object value) {
        if (parent instanceof List<?> list) {
            ((List<Object>) list).set((Integer) slot, value);
        } else if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put((String) slot, value);
        } else if (parent instanceof Rules.Portables crossing) {
            crossing.root = value;
        } else if (parent instanceof Placeholder outer) {
            outer.data = value;
        } else {
            throw new IllegalStateException("a placeholder for " + name + " was never attached to its slot");
        }
    }

    @Override
    public String toString() {
        return (classObject ? "<class " : "<portable ") + name + ">";
    }
}
