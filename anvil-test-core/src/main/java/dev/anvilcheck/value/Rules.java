package dev.anvilcheck.value;

import dev.anvilcheck.server.SerializationInfo;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * What one copy follows and what it met on the way: who sends (whose zone stamps naive
 * date-times, SER-09, and whose portable classes name the objects it sends, PORT-02), what the
 * value is for (which decides where in-memory Media is refused, MEDIA-05, SESS-04), whether the
 * receiver is trusted (which portable classes' hooks see, PORT-05), and how capabilities are
 * translated on the way (CAP-08). Once a portable object is met, it also holds the sender's
 * {@link SerializationInfo}, the placeholders made so far in descriptor order (PORT-09), and the
 * portable objects being serialised on the current path, which catch a portable object that
 * contains itself (SER-11); values without portable objects pay for none of that. Every crossing
 * makes exactly one of these: an {@link InTransit} is one, so a call's arguments and return value
 * cost no object beyond their copies.
 */
class Rules {
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
    final ZoneId zone;
    final Purpose purpose;
    final boolean receiverTrusted;
    final CapabilityTranslator capabilities;
    private SerializationInfo info;
    private List<Placeholder> placeholders;
    private IdentityHashMap<Object, Boolean> onPath;
    private int nesting;

    Rules(Side sender, Purpose purpose, boolean receiverTrusted, CapabilityTranslator capabilities) {
        this.sender = sender;
        this.zone = sender.zone();
        this.purpose = purpose;
        this.receiverTrusted = receiverTrusted;
        this.capabilities = capabilities;
    }

    /** The sender's information for hooks, made on first use (PORT-05). */
    final SerializationInfo info() {
        if (info == null) {
            info = SerializationInfo.forSending(sender.classes(), sender.trusted(), receiverTrusted);
        }
        return info;
    }

    /** The information, or {@code null} if no portable object was met. */
    final SerializationInfo infoIfUsed() {
        return info;
    }

    final void add(Placeholder p) {
        if (placeholders == null) {
            placeholders = new ArrayList<>();
        }
        placeholders.add(p);
    }

    /** The placeholders made so far, and starts a new list for what is copied next. */
    final List<Placeholder> takePlaceholders() {
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
    final Refusal enter(Object portable) {
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

    final void exit(Object portable) {
        onPath.remove(portable);
        nesting--;
    }
}
