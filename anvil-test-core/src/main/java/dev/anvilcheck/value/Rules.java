package dev.anvilcheck.value;

import dev.anvilcheck.server.SerializationInfo;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one copy follows and what it met on the way: who sends (whose zone stamps naive
 * date-times, SER-09, and whose portable classes name the objects it sends, PORT-02), what the
 * value is for (which decides where in-memory Media is refused, MEDIA-05, SESS-04), whether the
 * receiver is trusted (which portable classes' hooks see, PORT-05), and how capabilities are
 * translated on the way (CAP-08).
 *
 * <p>Every crossing makes exactly one of these, its {@link InTransit}, and it is as small as the
 * copy's rules can be (two references and two bytes): one slot, {@code state}, holds in turn the
 * capability translator while copying; what portable objects need ({@link Portables}, which takes
 * over the translator), made only when the first one is met; the copy once sent, or the
 * {@code Portables} that hold it; and a marker once received. Values without portable objects pay
 * for none of the portable machinery.
 */
abstract sealed class Rules permits InTransit {
    /** Call arguments and return values: Media crosses (MEDIA-01). */
    static final byte CALL = 0;
    /** {@code anvil.server.session} (SESS-04). */
    static final byte SESSION = 1;
    /** {@code anvil.server.task_state} (TASK-07). */
    static final byte TASK_STATE = 2;
    /** A background task's return value (TASK-21). */
    static final byte TASK_RETURN = 3;
    /** A cookie value (SESS-17). */
    static final byte COOKIE = 4;

    /** How deeply portable objects may nest inside each other's data. */
    static final int MAX_PORTABLE_NESTING = 256;

    final Side sender;
    /** What the copy is for, one of {@link #CALL} .. {@link #COOKIE}: it decides where in-memory Media is refused. */
    final byte purpose;
    final boolean receiverTrusted;
    /** The translator, then the {@link Portables}, then the copy, then a marker: see the class comment. */
    Object state;

    Rules(Side sender, byte purpose, boolean receiverTrusted, CapabilityTranslator capabilities) {
        this.sender = sender;
        this.purpose = purpose;
        this.receiverTrusted = receiverTrusted;
        this.state = capabilities;
    }

    /** How capabilities cross (CAP-08); only while copying. */
    final CapabilityTranslator capabilities() {
        Object s = state;
        return s instanceof Portables p ? p.capabilities : (CapabilityTranslator) s;
    }

    /** What the portable objects met need, made on the first one; only while copying. */
    final Portables portables() {
        Object s = state;
        if (s instanceof Portables p) {
            return p;
        }
        Portables p = new Portables((CapabilityTranslator) s);
        state = p;
        return p;
    }

    /** What the portable objects met need, or {@code null} if none was met. */
    final Portables portablesIfMet() {
        return state instanceof Portables p ? p : null;
    }

    /** The sender's information for hooks, made on first use (PORT-05). */
    final SerializationInfo info() {
        Portables p = portables();
        if (p.info == null) {
            p.info = SerializationInfo.forSending(sender.classes(), sender.trusted(), receiverTrusted);
        }
        return p.info;
    }

    /**
     * The state of a copy that met portable objects: the capability translator, the sender's
     * {@link SerializationInfo}, the placeholders made so far in descriptor order (PORT-09), the
     * portable objects being serialised on the current path, which catch a portable object that
     * contains itself (SER-11), and, once sent, the copy and what the receiver must reconstruct:
     * the copy's placeholders, the shared data the hooks transmitted (PORT-05) and its
     * placeholders, and the path of the copy in error messages.
     */
    static final class Portables {
        final CapabilityTranslator capabilities;
        SerializationInfo info;
        List<Placeholder> current;
        IdentityHashMap<Object, Boolean> onPath;
        int nesting;
        Object root;
        ValuePath rootPath = ValuePath.root();
        List<Placeholder> pending = List.of();
        Map<String, Object> shared;
        List<Placeholder> sharedPending = List.of();
        /** Shared data relayed opaque objects carried from the message they arrived in (PORT-05). */
        Map<String, Object> relayedShared;

        Portables(CapabilityTranslator capabilities) {
            this.capabilities = capabilities;
        }

        void add(Placeholder p) {
            if (current == null) {
                current = new ArrayList<>();
            }
            current.add(p);
        }

        /** Keeps the shared data a relayed opaque object carries, without replacing keys already kept. */
        void relayShared(Map<String, Object> data) {
            if (data.isEmpty()) {
                return;
            }
            if (relayedShared == null) {
                relayedShared = new java.util.LinkedHashMap<>();
            }
            data.forEach(relayedShared::putIfAbsent);
        }

        /** The placeholders made so far, and starts a new list for what is copied next. */
        List<Placeholder> take() {
            List<Placeholder> out = current == null ? List.of() : current;
            current = null;
            return out;
        }

        /**
         * Marks {@code portable} as being serialised.
         *
         * @return a refusal if it is already on the path (it contains itself) or nesting is too
         *     deep, else {@code null}
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
}
