package dev.anvilcheck.value;

import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.host.WireError;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sender's half of every crossing, one method per purpose: it makes the crossing's
 * {@link InTransit} with the rules of that purpose (which decide where in-memory Media is refused,
 * MEDIA-05, and what {@code serialize} hooks are told about the receiver, PORT-05), copies the
 * value with {@link Copier} from the root of its message, then copies the shared data the hooks
 * transmitted (PORT-05), and turns a {@link Refusal} into the error the platform raises for that
 * purpose: a {@link SerializationError} whose message has the purpose's prefix and the refused
 * value's path below the purpose's root (CALL-20, CALL-21, SESS-05, TASK-07, SER-14), or the
 * platform's own error for Media in a task's return value or a cookie (TASK-21, SESS-17). It also
 * hands a crossing over without its {@code InTransit} when the receiver has nothing to do.
 */
final class Sending {
    private static final String ARGUMENTS_PREFIX = "Cannot serialize arguments to function. ";
    private static final String RETURN_PREFIX = "Cannot serialize return value from function. ";
    private static final String SESSION_PREFIX = "Tried to store illegal value in a anvil.server.session. ";
    private static final String TASK_STATE_PREFIX = "Illegal value in a anvil.server.task_state. ";
    private static final String TASK_RESULT_MEDIA = "The state or return value could not be serialised";
    private static final String COOKIE_MEDIA = "Cannot store Media in cookies.";
    private static final ValuePath ARGS = ValuePath.root().key("args");
    private static final ValuePath KWARGS = ValuePath.root().key("kwargs");
    private static final ValuePath RESPONSE = ValuePath.root().key("response");
    private static final ValuePath SESSION = ValuePath.root().key("session");
    private static final ValuePath SHARED = ValuePath.root().key("vt_global");

    private Sending() {}

    /**
     * Call arguments (CALL-03, CALL-20, SER-15): positional and keyword arguments copied apart,
     * rooted at {@code msg['args']} and {@code msg['kwargs']}; the callee is server code, which
     * hooks see as trusted.
     */
    static InTransit<Arguments> arguments(Arguments args, Side sender, CapabilityTranslator capabilities) {
        Objects.requireNonNull(args, "args");
        InTransit<Arguments> transit = new InTransit<>(sender, Rules.CALL, true, capabilities);
        List<Object> positional = args.args();
        Map<String, Object> keywords = args.kwargs();
        Object copiedArgs;
        try {
            copiedArgs = positional.isEmpty() ? List.of() : Copier.copyRooted(positional, transit);
        } catch (Refusal r) {
            throw error(ARGUMENTS_PREFIX, r, ARGS);
        }
        Object copiedKwargs;
        try {
            copiedKwargs = keywords.isEmpty() ? Map.of() : Copier.copyRooted(keywords, transit);
        } catch (Refusal r) {
            throw error(ARGUMENTS_PREFIX, r, KWARGS);
        }
        @SuppressWarnings("unchecked")
        Arguments copied = new Arguments((List<Object>) copiedArgs, (Map<String, Object>) copiedKwargs);
        transit.sent(copied, ARGS);
        sendShared(transit, ARGUMENTS_PREFIX);
        return transit;
    }

    /** Call arguments handed over: {@link Arguments#none()} for none, else as {@link #handOver} says. */
    static Object handOverArguments(Arguments args, Side sender, CapabilityTranslator capabilities) {
        if (args.args().isEmpty() && args.kwargs().isEmpty()) {
            return Arguments.none();
        }
        return handOver(arguments(args, sender, capabilities));
    }

    /** A function's return value (CALL-04, CALL-21), rooted at {@code msg['response']}. */
    static InTransit<Object> returnValue(Object value, Side sender, boolean receiverTrusted,
            CapabilityTranslator capabilities) {
        return sendOne(value, sender, Rules.CALL, receiverTrusted, capabilities, RETURN_PREFIX, RESPONSE);
    }

    /** A return value handed over: a value that is its own copy as it is, else as {@link #handOver} says. */
    static Object handOverReturnValue(Object value, Side sender, boolean receiverTrusted,
            CapabilityTranslator capabilities) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
                || value instanceof Double) {
            return value;
        }
        return handOver(returnValue(value, sender, receiverTrusted, capabilities));
    }

    /** Session data (SESS-04, SESS-05), rooted at {@code msg['session']}; server code reads it back. */
    static InTransit<Object> sessionData(Map<String, ?> data, Side server, CapabilityTranslator capabilities) {
        Objects.requireNonNull(data, "data");
        return sendOne(data, server, Rules.SESSION, true, capabilities, SESSION_PREFIX, SESSION);
    }

    /** A background task's state (TASK-07), rooted at {@code msg['response']}. */
    static InTransit<Object> taskState(Object state, Side task, boolean readerTrusted,
            CapabilityTranslator capabilities) {
        return sendOne(state, task, Rules.TASK_STATE, readerTrusted, capabilities, TASK_STATE_PREFIX, RESPONSE);
    }

    /** A background task's return value (TASK-12, TASK-21), rooted at {@code msg['response']}. */
    static InTransit<Object> taskReturnValue(Object value, Side task, boolean readerTrusted,
            CapabilityTranslator capabilities) {
        return sendOne(value, task, Rules.TASK_RETURN, readerTrusted, capabilities, RETURN_PREFIX, RESPONSE);
    }

    /** A cookie value (SESS-16, SESS-17), rooted at {@code root}, without a prefix; server code reads it back. */
    static InTransit<Object> cookieValue(Object value, Side server, ValuePath root,
            CapabilityTranslator capabilities) {
        Objects.requireNonNull(root, "root");
        return sendOne(value, server, Rules.COOKIE, true, capabilities, "", root);
    }

    /** One value by the rules of a return value, rooted at {@code root}, without a prefix (SER-14). */
    static InTransit<Object> value(Object value, Side sender, boolean receiverTrusted, ValuePath root,
            CapabilityTranslator capabilities) {
        Objects.requireNonNull(root, "root");
        return sendOne(value, sender, Rules.CALL, receiverTrusted, capabilities, "", root);
    }

    /** The copy itself if it needs no receiver (its sender may receive it), else the crossing. */
    private static Object handOver(InTransit<?> sent) {
        return sent.needsReceiver() ? sent : sent.receive(sent.sender);
    }

    /**
     * Serialises one value for {@code purpose}: the copy, then the shared data of portable
     * classes.
     */
    private static InTransit<Object> sendOne(Object value, Side sender, byte purpose, boolean receiverTrusted,
            CapabilityTranslator capabilities, String prefix, ValuePath root) {
        InTransit<Object> transit = new InTransit<>(sender, purpose, receiverTrusted, capabilities);
        Object copied;
        try {
            copied = Copier.copyRooted(value, transit);
        } catch (Refusal r) {
            throw refused(transit, prefix, r, root);
        }
        transit.sent(copied, root);
        sendShared(transit, prefix);
        return transit;
    }

    /**
     * Finishes sending: copies the shared data the hooks transmitted, and that relayed opaque
     * objects carry (for keys the hooks did not set), if any, rooted at {@code msg['vt_global']}
     * with the hooks' access to it closed (PORT-05; Uplink protocol §4.5).
     */
    private static void sendShared(InTransit<?> transit, String prefix) {
        Rules.Portables portables = transit.portablesIfMet();
        if (portables == null || (portables.info == null && portables.relayedShared == null)) {
            return;
        }
        Map<String, Object> transmitted = portables.info == null ? Map.of() : portables.info.closeTransmittedData();
        if (portables.relayedShared != null) {
            Map<String, Object> merged = new java.util.LinkedHashMap<>(transmitted);
            portables.relayedShared.forEach(merged::putIfAbsent);
            transmitted = merged;
        }
        if (transmitted.isEmpty()) {
            return;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> copied = (Map<String, Object>) Copier.copyRooted(transmitted, transit);
            transit.shared(copied);
        } catch (Refusal r) {
            throw refused(transit, prefix, r, SHARED);
        }
    }

    /** The error for a refusal, by the purpose of the copy (MEDIA-05, TASK-21, SESS-17). */
    private static RuntimeException refused(Rules rules, String prefix, Refusal r, ValuePath root) {
        if (r.isMedia() && rules.purpose == Rules.TASK_RETURN) {
            return new SerializationError(TASK_RESULT_MEDIA);
        }
        if (r.isMedia() && rules.purpose == Rules.COOKIE) {
            return new AnvilWrappedError(new WireError(null, COOKIE_MEDIA, List.of()));
        }
        return error(prefix, r, root);
    }

    private static SerializationError error(String prefix, Refusal refusal, ValuePath root) {
        return new SerializationError(prefix + refusal.describe(root));
    }
}
