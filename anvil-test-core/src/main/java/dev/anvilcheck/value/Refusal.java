package dev.anvilcheck.value;

import java.time.Instant;

/**
 * Internal signal that a value cannot cross (SER-02, SER-04, SER-11, SESS-04, PORT-03, PORT-06,
 * MEDIA-05). It carries no stack
 * trace and collects the path segments, innermost first, while it unwinds through the containers
 * that hold the refused value; {@link Sending} turns it into one
 * {@link dev.anvilcheck.server.SerializationError} at the top, so the path is only rendered when
 * a copy fails.
 */
final class Refusal extends RuntimeException {
    private final String problem;
    private final String hint;
    private final boolean cycle;
    private final boolean media;
    private Object[] segments = new Object[8];
    private int count;

    private Refusal(String problem, String hint, boolean cycle) {
        this(problem, hint, cycle, false);
    }

    private Refusal(String problem, String hint, boolean cycle, boolean media) {
        super(problem, null, false, false);
        this.problem = problem;
        this.hint = hint;
        this.cycle = cycle;
        this.media = media;
    }

    /** A value of a type that cannot cross (SER-04). */
    static Refusal unsupported(Object value) {
        Class<?> type = value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass();
        String hint = value instanceof Instant ? " (send an OffsetDateTime)" : "";
        return new Refusal("Cannot serialize " + typeName(type) + " object", hint, false);
    }

    /**
     * A map with a key that is not a {@code String} (SER-02); the path ends at the key, as
     * Python's serialiser writes it ({@code _server.py}: {@code _repr_path(path + [k])}).
     */
    static Refusal nonStringKey(Object key) {
        return new Refusal("Cannot serialize dictionaries with keys that aren't strings", "", false)
                .at(new ValuePath.KeyRepr(ValuePath.pythonRepr(key)));
    }

    /** A container that contains itself (SER-11); the path is where the cycle closes. */
    static Refusal cycle() {
        return new Refusal("Cannot serialize a circular reference", "", true);
    }

    /** In-memory Media inside session data (SESS-04, MEDIA-05), in the platform's words. */
    static Refusal sessionMedia() {
        return new Refusal("Cannot save DataMedia objects in anvil.server.session", "", false, true);
    }

    /** In-memory Media inside task state (TASK-07, MEDIA-05), in the platform's words. */
    static Refusal taskStateMedia() {
        return new Refusal("Cannot use BlobMedia objects in task state", "", false, true);
    }

    /** In-memory Media where the platform stores values without Media: a task's result, a cookie (MEDIA-05). */
    static Refusal storedMedia() {
        return new Refusal("Cannot store in-memory Media here", "", false, true);
    }

    /**
     * An instance (or class object) of a subclass of a portable class that is not registered
     * itself (PORT-06), in the platform's words.
     */
    static Refusal unregisteredSubclass(String what) {
        return new Refusal("Cannot serialize " + what + " (must be registered with @anvil.server.portable_class)", "",
                false);
    }

    /**
     * A portable object whose data contains the object itself (SER-11). It is found exactly where
     * the cycle closes, so it needs no re-walk to be located.
     */
    static Refusal portableCycle() {
        return new Refusal("Cannot serialize a circular reference", "", false);
    }

    /** Portable objects nested deeper than the value model follows (the platform's recursion limit). */
    static Refusal portableNesting(int limit) {
        return new Refusal("Cannot serialize portable objects nested more than " + limit + " deep", "", false);
    }

    /** Records that the refused value sits under {@code segment} of the enclosing container. */
    Refusal at(Object segment) {
        if (count == segments.length) {
            segments = java.util.Arrays.copyOf(segments, count * 2);
        }
        segments[count++] = segment;
        return this;
    }

    boolean isCycle() {
        return cycle;
    }

    /** Whether this refuses in-memory Media where it may not be stored (MEDIA-05). */
    boolean isMedia() {
        return media;
    }

    /** The path of the refused value below {@code root}. */
    ValuePath path(ValuePath root) {
        ValuePath path = root;
        for (int i = count - 1; i >= 0; i--) {
            Object segment = segments[i];
            if (segment instanceof String k) {
                path = path.key(k);
            } else if (segment instanceof ValuePath.KeyRepr key) {
                path = path.then(key);
            } else {
                path = path.index((Integer) segment);
            }
        }
        return path;
    }

    /** The message of the error: the problem, {@code " at "}, the path below {@code root}, any hint. */
    String describe(ValuePath root) {
        return problem + " at " + path(root) + hint;
    }

    private static String typeName(Class<?> type) {
        return type.isArray() ? typeName(type.getComponentType()) + "[]" : type.getName();
    }
}
