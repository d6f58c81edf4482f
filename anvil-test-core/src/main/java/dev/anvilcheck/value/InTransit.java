package dev.anvilcheck.value;

import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.SerializationInfo;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
public final class InTransit<T> extends Rules {
    private static final ValuePath SHARED = ValuePath.root().key("vt_global");

    private Object root;
    private ValuePath rootPath;
    private Object second;
    private ValuePath secondPath;
    private T assembled;
    private List<Placeholder> pending = List.of();
    private Map<String, Object> shared;
    private List<Placeholder> sharedPending = List.of();
    private boolean received;

    /** A crossing about to be sent: the copy fills it in, then {@link #sent} or {@link #sentArguments} seals it. */
    InTransit(Side sender, Purpose purpose, boolean receiverTrusted, CapabilityTranslator capabilities) {
        super(sender, purpose, receiverTrusted, capabilities);
    }

    /** Seals a crossing of one value, copied to {@code copied}, whose errors are named below {@code path}. */
    void sent(Object copied, ValuePath path) {
        this.root = copied;
        this.rootPath = path;
        if (copied instanceof Placeholder p) {
            p.attach(this, Placeholder.DATA);
        }
        this.pending = takePlaceholders();
    }

    /** Seals a crossing of call arguments: the copied positional list and keyword map, already assembled. */
    void sentArguments(T arguments, Object args, ValuePath argsPath, Object kwargs, ValuePath kwargsPath) {
        this.assembled = arguments;
        this.root = args;
        this.rootPath = argsPath;
        this.second = kwargs;
        this.secondPath = kwargsPath;
        this.pending = takePlaceholders();
    }

    /** Records the copy of the shared data the hooks transmitted and its placeholders (PORT-05). */
    void shared(Map<String, Object> copied) {
        this.shared = copied;
        this.sharedPending = takePlaceholders();
    }

    /** Puts a reconstructed object where the placeholder at the root was. */
    void replaceRoot(Object value) {
        this.root = value;
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
        if (received) {
            throw new IllegalStateException("This value has already been received");
        }
        received = true;
        if (!pending.isEmpty() || !sharedPending.isEmpty() || shared != null) {
            SerializationInfo info = SerializationInfo.forReceiving(receiver.classes(), receiver.trusted(),
                    sender.trusted());
            resolve(sharedPending, receiver.classes(), info);
            if (shared != null) {
                info.openTransmittedData(shared);
            }
            resolve(pending, receiver.classes(), info);
        }
        if (assembled != null) {
            return assembled;
        }
        @SuppressWarnings("unchecked")
        T value = (T) root;
        return value;
    }

    private void resolve(List<Placeholder> placeholders, PortableClasses classes, SerializationInfo info) {
        for (Placeholder p : placeholders) {
            Class<?> type = classes.classNamed(p.name);
            if (type == null) {
                throw new SerializationError("No such serializable type: " + p.name + " at " + pathOf(p));
            }
            p.replaceWith(p.classObject ? type : classes.reconstruct(type, p.data, info));
        }
    }

    /** Finds where {@code target} sits, walking the copy without recursion. */
    private ValuePath pathOf(Placeholder target) {
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        if (second != null) {
            stack.push(new Object[] {second, secondPath});
        }
        stack.push(new Object[] {root, rootPath});
        if (shared != null) {
            stack.push(new Object[] {shared, SHARED});
        }
        while (!stack.isEmpty()) {
            Object[] entry = stack.pop();
            Object node = entry[0];
            ValuePath path = (ValuePath) entry[1];
            if (node == target) {
                return path;
            }
            if (node instanceof Placeholder p) {
                stack.push(new Object[] {p.data, path});
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
        return "InTransit[" + (received ? "received" : pending.size() + " portable object(s) to reconstruct") + "]";
    }
}
