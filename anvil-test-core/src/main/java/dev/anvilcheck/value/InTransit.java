package dev.anvilcheck.value;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.SerializationInfo;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A value its sender has serialised and its receiver has not yet reconstructed: the copy of
 * everything built in, with each portable object or class object still a placeholder holding its
 * registered name and copied data (PORT-03..09). {@link #receive(Side)} finishes the crossing on
 * the receiving side: it reconstructs the objects of the transmitted shared data first, then those
 * of the value, each after the objects inside it (PORT-09), by the receiver's registry, so that a
 * name the receiver does not know fails there (PORT-08). A runtime sends on the caller's side and
 * receives on the callee's, so that failures land where the platform's do. A value without
 * portable objects needs no work to receive, and the crossing costs no object but this one and
 * the copy itself. Single use, not thread-safe.
 *
 * @param <T> what the receiver gets
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class InTransit<T> extends Rules {
    private static final ValuePath ARGS = ValuePath.root().key("args");
    private static final ValuePath KWARGS = ValuePath.root().key("kwargs");
    private static final ValuePath SHARED = ValuePath.root().key("vt_global");

    /** What {@code state} holds once the value was received. */
    private static final Object RECEIVED = new Object();

    /** A crossing about to be sent: the copy fills it in, then {@link #sent} seals it. */
    InTransit(Side sender, byte purpose, boolean receiverTrusted, CapabilityTranslator capabilities) {
        super(sender, purpose, receiverTrusted, capabilities);
    }

    /**
     * Seals the crossing of {@code copied}, whose errors are named below {@code path}; call
     * arguments are sealed as the {@link Arguments} of their copied list and map, whose errors are
     * named below {@code msg['args']} and {@code msg['kwargs']}. Without portable objects the
     * copy takes the place of the translator, which is no longer needed.
     */
    void sent(Object copied, ValuePath path) {
        if (!(state instanceof Portables p)) {
            state = copied;
            return;
        }
        p.root = copied;
        if (copied instanceof Placeholder placeholder) {
            placeholder.attach(p, Placeholder.DATA);
        }
        p.rootPath = path;
        p.pending = p.take();
    }

    /** Records the copy of the shared data the hooks transmitted and its placeholders (PORT-05). */
    void shared(Map<String, Object> copied) {
        Portables p = portables();
        p.shared = copied;
        p.sharedPending = p.take();
    }

    /**
     * Receives what {@link Crossing#handOverArguments} or {@link Crossing#handOverReturnValue}
     * handed over: reconstructs an {@code InTransit} on {@code receiver}'s side, and returns
     * anything else, a copy that needed no receiver, as it is.
     *
     * @param handedOver the copy, or the value in transit
     * @param receiver the receiving side
     * @param <T> what the receiver gets
     * @return the value the receiver gets
     * @throws SerializationError as {@link #receive(Side)} says
     */
    @SuppressWarnings("unchecked")
    public static <T> T receive(Object handedOver, Side receiver) {
        return handedOver instanceof InTransit<?> sent ? (T) sent.receive(receiver) : (T) handedOver;
    }

    /**
     * Whether receiving has work to do on the receiver's side: portable objects, or shared data
     * of portable classes, wait to be reconstructed. When not, {@link #receive(Side)} returns the
     * copy as it is, whichever side receives it, so a runtime may receive it at once and keep
     * only the copy.
     *
     * @return true if the receiver's registry is needed
     */
    public boolean needsReceiver() {
        return state instanceof Portables;
    }

    /**
     * Reconstructs the value on the receiving side (PORT-04, PORT-07, PORT-08, PORT-09).
     *
     * @param receiver the receiving side: its registry resolves names, its trust is reported to hooks
     * @return the value the receiver gets
     * @throws SerializationError {@code "No such serializable type: <name> at msg[...]"} if the
     *     receiver knows no portable class of a name that was sent (PORT-08)
     * @throws dev.anvilcheck.python.TypeError if data does not fit the class it reconstructs
     * @throws IllegalStateException if called a second time
     * @throws RuntimeException whatever a {@code deserialize} or {@code newDeserialized} hook raises
     */
    public T receive(Side receiver) {
        Objects.requireNonNull(receiver, "receiver");
        Object s = state;
        if (s == RECEIVED) {
            throw new IllegalStateException("This value has already been received");
        }
        state = RECEIVED;
        Object value = s;
        if (s instanceof Portables p) {
            if (!p.pending.isEmpty() || !p.sharedPending.isEmpty() || p.shared != null) {
                SerializationInfo info = SerializationInfo.forReceiving(receiver.classes(), receiver.trusted(),
                        sender.trusted());
                resolve(p, p.sharedPending, receiver.classes(), info);
                if (p.shared != null) {
                    info.openTransmittedData(p.shared);
                }
                resolve(p, p.pending, receiver.classes(), info);
            }
            value = p.root;
        }
        @SuppressWarnings("unchecked")
        T received = (T) value;
        return received;
    }

    private void resolve(Portables p, List<Placeholder> placeholders, PortableClasses classes,
            SerializationInfo info) {
        for (Placeholder placeholder : placeholders) {
            Class<?> type = classes.classNamed(placeholder.name);
            if (type == null && classes.relaysUnknown()) {
                placeholder.replaceWith(placeholder.classObject ? new OpaquePortableClass(placeholder.name)
                        : new OpaquePortable(placeholder.name, placeholder.data, p.shared));
                continue;
            }
            if (type == null) {
                throw new SerializationError("No such serializable type: " + placeholder.name + " at "
                        + pathOf(p, placeholder));
            }
            placeholder.replaceWith(placeholder.classObject ? type : classes.reconstruct(type, placeholder.data, info));
        }
    }

    /** Finds where {@code target} sits, walking the copy without recursion. */
    private ValuePath pathOf(Portables p, Placeholder target) {
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        if (p.root instanceof Arguments arguments) {
            stack.push(new Object[] {arguments.kwargs(), KWARGS});
            stack.push(new Object[] {arguments.args(), ARGS});
        } else {
            stack.push(new Object[] {p.root, p.rootPath});
        }
        if (p.shared != null) {
            stack.push(new Object[] {p.shared, SHARED});
        }
        while (!stack.isEmpty()) {
            Object[] entry = stack.pop();
            Object node = entry[0];
            ValuePath path = (ValuePath) entry[1];
            if (node == target) {
                return path;
            }
            if (node instanceof Placeholder placeholder) {
                stack.push(new Object[] {placeholder.data, path});
            } else if (node instanceof List<?> list) {
                for (int i = list.size() - 1; i >= 0; i--) {
                    stack.push(new Object[] {list.get(i), path.index(i)});
                }
            } else if (node instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    stack.push(new Object[] {e.getValue(), path.key((String) e.getKey())});
                }
            }
        }
        return ValuePath.root();
    }

    @Override
    public String toString() {
        Portables p = portablesIfMet();
        return "InTransit[" + (state == RECEIVED ? "received" : (p == null ? 0 : p.pending.size())
                + " portable object(s) to reconstruct") + "]";
    }
}
