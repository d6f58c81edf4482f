package dev.anvilcheck.value;

import dev.anvilcheck.server.SerializationInfo;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The state of one copy while the sender serialises: who sends, what the value is for (which
 * decides whether in-memory Media may cross, MEDIA-05), the sender's {@link SerializationInfo}
 * once a portable object needs it (PORT-05), the placeholders made so far in descriptor order
 * (PORT-09), and the portable objects being serialised on the current path, which catch a
 * portable object that contains itself (SER-11). Made only on the first portable object, so
 * values without any pay for none of it.
 */
final class Trip {
    /** What a copy is for: it decides where in-memory Media is refused (MEDIA-05). */
    enum Purpose {
        /** Call arguments and return values: Media crosses (MEDIA-01). */
        CALL,
        /** {@code anvil.server.session} (SESS-04). */
        SESSION,
        /** {@code anvil.server.task_state} (TASK-07). */
        TASK_STATE,
        /** A background task's return value (TASK-21). */
        TASK_RETURN,
        /** A cookie value (SESS-17). */
        COOKIE
    }

    /** How deeply portable objects may nest inside each other's data. */
    static final int MAX_PORTABLE_NESTING = 256;

    final Side sender;
    final Purpose purpose;
    private final boolean receiverTrusted;
    private SerializationInfo info;
    private List<Placeholder> placeholders;
    private IdentityHashMap<Object, Boolean> onPath;
    private int nesting;

    Trip(Side sender, Purpose purpose, boolean receiverTrusted) {
        this.sender = sender;
        this.purpose = purpose;
        this.receiverTrusted = receiverTrusted;
    }

    ZoneId zone() {
        return sender.zone();
    }

    /** The sender's information for hooks, made on first use (PORT-05). */
    SerializationInfo info() {
        if (info == null) {
            info = SerializationInfo.forSending(sender.classes(), sender.trusted(), receiverTrusted);
        }
        return info;
    }

    /** The information, or {@code null} if no portable object was met. */
    SerializationInfo infoIfUsed() {
        return info;
    }

    void add(Placeholder p) {
        if (placeholders == null) {
            placeholders = new ArrayList<>();
        }
        placeholders.add(p);
    }

    /** The placeholders made so far, and starts a new list for what is copied next. */
    List<Placeholder> takePlaceholders() {
        List<Placeholder> out = placeholders == null ? List.of() : placeholders;
        placeholders = null;
        return out;
    }

    /**
     * Marks {@code portable} as being serialised.
     *
     * @return a refusal if it is already on the path (it contains itself) or nesting is too deep,
     *     else {@code null}
     */
    Refusal enter(Object portable) {
        if (onPath == null) {
            onPath = new IdentityHashMap<>();
        }
        if (onPath.containsKey(portable)) {
            return Refusal.portableCycle();
        }
        if (nesting >= MAX_PORTABLE_NESTING) {
            return Refusal.portableNesting(MAX_PORTABLE_NESTING);
        }
        onPath.put(portable, Boolean.TRUE);
        nesting++;
        return null;
    }

    void exit(Object portable) {
        onPath.remove(portable);
        nesting--;
    }
}
