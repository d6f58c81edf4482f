package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.server.host.CallScope;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An unforgeable permission token naming a scope, e.g. {@code ["document", 42]}
 * ({@code anvil.server.Capability}, CAP-01..20). Server code creates one, returns it to a client,
 * and later checks a capability it receives with {@link AnvilServer#unwrapCapability}. A
 * capability may be narrowed (its scope extended) anywhere but never broadened (CAP-05, CAP-06).
 * Two capabilities are equal when their full scopes are equal (CAP-09).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class Capability {
    /**
     * The wildcard of an unwrap pattern, matched by identity: it matches any scope element
     * (CAP-14).
     */
    public static final Object ANY = new Object() {
        @Override
        public String toString() {
            return "ANY";
        }
    };

    private final List<Object> baseScope;
    private final List<Object> narrowing;
    private final String mac;
    private final Epoch epoch;
    private final boolean clientSide;
    private volatile java.util.function.Consumer<Object> applyUpdate;
    private volatile java.util.function.Supplier<Object> getUpdate;
    private Object pendingUpdate;

    /**
     * Where a runtime tracks whether capabilities of one session are still valid: a capability
     * remembers the epoch it was created or received in, and is valid while that epoch is
     * current (CAP-15, CAP-16, SESS-12). For runtime implementers.
     *
     * @since 0.1
     */
    public interface Epoch {
        /**
         * Whether objects of this epoch are still valid.
         *
         * @return false once the session's objects were invalidated
         */
        boolean isCurrent();

        /**
         * The session's current epoch, which a narrowed capability snapshots (CAP-07).
         *
         * @return the current epoch
         */
        Epoch current();
    }

    /**
     * Creates a capability for {@code scope} (CAP-01, CAP-02): it must be a non-empty list of JSON
     * values whose first element is not {@code "_"}; it is normalised as by a JSON round trip
     * (arrays become lists, map keys become strings).
     *
     * @param scope the scope
     * @throws TypeError if {@code scope} is {@code null} or holds a value JSON cannot encode
     * @throws ValueError if {@code scope} is empty or starts with {@code "_"}
     */
    public Capability(List<?> scope) {
        this(checkBase(scope), List.of(), null, currentEpoch(), false);
    }

    private Capability(List<Object> baseScope, List<Object> narrowing, String mac, Epoch epoch, boolean clientSide) {
        this.baseScope = baseScope;
        this.narrowing = narrowing;
        this.mac = mac;
        this.epoch = epoch;
        this.clientSide = clientSide;
    }

    private static Epoch currentEpoch() {
        CallScope scope = CallScope.current();
        return scope == null ? null : scope.capabilityEpoch();
    }

    /**
     * A capability as a runtime re-creates it from the wire: base scope, narrowing suffix and the
     * MAC the issuing runtime computed (CAP-08; Uplink protocol §4.6). For runtime implementers.
     *
     * @param baseScope the base scope
     * @param narrowing the narrowing suffix, possibly empty
     * @param mac the MAC, or {@code null} for a capability created by trusted code
     * @return the capability
     */
    public static Capability restore(List<?> baseScope, List<?> narrowing, String mac) {
        return restore(baseScope, narrowing, mac, null, false);
    }

    /**
     * A capability as a runtime hands it to a receiver: with the MAC, the receiver's epoch (which
     * decides {@link #isValid()}, CAP-15) and whether the receiver is client code (a browser or a
     * client uplink, whose {@link #sendUpdate} only calls the local handler, CAP-19). For runtime
     * implementers.
     *
     * @param baseScope the base scope
     * @param narrowing the narrowing suffix, possibly empty
     * @param mac the MAC, or {@code null}
     * @param epoch the receiver's epoch, or {@code null} for a capability that stays valid
     * @param clientSide whether the receiver is client code
     * @return the capability
     */
    public static Capability restore(List<?> baseScope, List<?> narrowing, String mac, Epoch epoch,
            boolean clientSide) {
        return new Capability(normalise(baseScope, "scope"), normalise(narrowing, "narrow"), mac, epoch, clientSide);
    }

    private static List<Object> checkBase(List<?> scope) {
        List<Object> normalised = normalise(scope, "scope");
        if (normalised.isEmpty()) {
            throw new ValueError("Capability scope must not be empty");
        }
        if ("_".equals(normalised.get(0))) {
            throw new ValueError("Capability scopes starting with \"_\" are reserved for the platform");
        }
        return normalised;
    }

    private static List<Object> normalise(List<?> list, String what) {
        if (list == null) {
            throw new TypeError("Capability " + what + " must be a list, not null");
        }
        @SuppressWarnings("unchecked")
        List<Object> copy = (List<Object>) json(list, what);
        return Collections.unmodifiableList(copy);
    }

    private static Object json(Object value, String where) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Double
                || value instanceof Long || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(json(item, where));
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Object[] array) {
            return json(java.util.Arrays.asList(array), where);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), json(e.getValue(), where));
            }
            return Collections.unmodifiableMap(out);
        }
        throw new TypeError("Capability " + where + " must be JSON-encodable, but holds a "
                + value.getClass().getName());
    }

    /**
     * The full scope: the base scope followed by every narrowing suffix, as a fresh list (CAP-04).
     *
     * @return the scope
     */
    public List<Object> scope() {
        List<Object> full = new ArrayList<>(baseScope.size() + narrowing.size());
        full.addAll(baseScope);
        full.addAll(narrowing);
        return full;
    }

    /**
     * A new capability whose scope is this one's followed by {@code suffix}; this capability is
     * unchanged, and {@code narrow(List.of())} gives an equal capability (CAP-05, CAP-06, CAP-07).
     *
     * @param suffix the elements to append
     * @return the narrower capability
     * @throws TypeError if {@code suffix} is {@code null} or not JSON-encodable
     */
    public Capability narrow(List<?> suffix) {
        List<Object> extra = normalise(suffix, "narrow suffix");
        List<Object> joined = new ArrayList<>(narrowing);
        joined.addAll(extra);
        return new Capability(baseScope, Collections.unmodifiableList(joined), mac,
                epoch == null ? null : epoch.current(), clientSide);
    }

    /**
     * Whether this capability is still valid: true until {@code invalidateClientObjects()} or a
     * browser's {@code resetSession()} invalidated the objects of the session it belongs to
     * (CAP-15, CAP-16, SESS-12). A capability narrowed from an invalid one is locally valid, but
     * the server still refuses it (CAP-07, SESS-13).
     *
     * @return true while valid
     */
    public boolean isValid() {
        return epoch == null || epoch.isCurrent();
    }

    /**
     * Sets the handler that applies updates to this capability: {@code applyUpdate} is called by
     * {@link #sendUpdate} and when a function this capability was passed to sent updates back
     * (CAP-17, CAP-18). Without {@code getUpdate}, updates accumulate and are sent back to the
     * caller that passed this capability in.
     *
     * @param applyUpdate called with each update, or {@code null}
     */
    public void setUpdateHandler(java.util.function.Consumer<Object> applyUpdate) {
        setUpdateHandler(applyUpdate, null);
    }

    /**
     * Sets the update handler and, on the server side, the function that gives the update to send
     * back when a call returns, instead of the accumulated one (CAP-17, CAP-18). Client code
     * ignores {@code getUpdate} (CAP-19).
     *
     * @param applyUpdate called with each update, or {@code null}
     * @param getUpdate gives the update to send back, or {@code null} to accumulate
     */
    public void setUpdateHandler(java.util.function.Consumer<Object> applyUpdate,
            java.util.function.Supplier<Object> getUpdate) {
        this.applyUpdate = applyUpdate;
        this.getUpdate = clientSide ? null : getUpdate;
    }

    /**
     * Sends an update: calls the local handler, and on the server side also queues the update for
     * the caller that passed this capability in; map updates merge key by key into a queued map,
     * any other value replaces what is queued (CAP-17). A map sent while a non-map value is
     * queued raises {@link dev.anvilcheck.python.AttributeError}, after the handler ran, as the
     * platform's {@code _apply_update} does ({@code queued.update(**update)} on a non-dict). Once
     * {@code getUpdate} is set, nothing is queued: {@code getUpdate} decides what is sent back. In
     * client code only the handler is called (CAP-19).
     *
     * @param update the update
     * @throws dev.anvilcheck.python.AttributeError if {@code update} is a map and a non-map value is
     *     queued
     */
    public void sendUpdate(Object update) {
        java.util.function.Consumer<Object> handler = applyUpdate;
        if (handler != null) {
            handler.accept(update);
        }
        if (clientSide || getUpdate != null) {
            return;
        }
        synchronized (this) {
            if (update instanceof Map<?, ?> map) {
                if (pendingUpdate != null && !(pendingUpdate instanceof Map)) {
                    throw new dev.anvilcheck.python.AttributeError("'" + pythonTypeName(pendingUpdate)
                            + "' object has no attribute 'update'");
                }
                Map<String, Object> merged = pendingUpdate instanceof Map<?, ?> pending
                        ? new LinkedHashMap<>(castMap(pending)) : new LinkedHashMap<>();
                merged.putAll(castMap(map));
                pendingUpdate = merged;
            } else {
                pendingUpdate = update;
            }
        }
    }

    /** The name Python gives the type of a value of the value model, for messages. */
    private static String pythonTypeName(Object value) {
        if (value instanceof String) {
            return "str";
        } else if (value instanceof Boolean) {
            return "bool";
        } else if (value instanceof Long || value instanceof Integer || value instanceof java.math.BigInteger) {
            return "int";
        } else if (value instanceof Double || value instanceof Float) {
            return "float";
        } else if (value instanceof List) {
            return "list";
        }
        return value.getClass().getSimpleName();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /**
     * Takes the update to send back to the caller that passed this capability in (CAP-17,
     * CAP-18): the result of {@code getUpdate} if one was set, whatever it is (as on the platform,
     * an empty map from {@code getUpdate} is sent); else the accumulated updates, which are
     * cleared, and {@code null} when nothing or only empty maps accumulated. A runtime sends
     * nothing back for {@code null}. For runtime implementers.
     *
     * @return the update, or {@code null} when there is none
     */
    public Object takeUpdate() {
        java.util.function.Supplier<Object> supplier = getUpdate;
        if (supplier != null) {
            return supplier.get();
        }
        synchronized (this) {
            Object update = pendingUpdate;
            pendingUpdate = null;
            return update instanceof Map<?, ?> map && map.isEmpty() ? null : update;
        }
    }

    /**
     * Applies an update a callee sent back for this capability (CAP-18): as {@link #sendUpdate}, so
     * a server-side capability queues it in turn for its own caller. For runtime implementers.
     *
     * @param update the update
     */
    public void applyUpdate(Object update) {
        sendUpdate(update);
    }

    /**
     * The epoch this capability belongs to, or {@code null}. For runtime implementers.
     *
     * @return the epoch
     */
    public Epoch epoch() {
        return epoch;
    }

    /**
     * The base scope the MAC covers (CAP-08). For runtime implementers.
     *
     * @return the base scope, read-only
     */
    public List<Object> baseScope() {
        return baseScope;
    }

    /**
     * The narrowing suffix appended after the base scope (CAP-08). For runtime implementers.
     *
     * @return the suffix, read-only
     */
    public List<Object> narrowing() {
        return narrowing;
    }

    /**
     * The MAC the issuing runtime attached, or {@code null} (CAP-08). For runtime implementers.
     *
     * @return the MAC, or {@code null}
     */
    public String mac() {
        return mac;
    }

    /**
     * The deprecated alias of {@link AnvilServer#unwrapCapability(Object, List)}
     * ({@code Capability.require}, CAP-14).
     *
     * @param capability the capability received
     * @param pattern the expected scope
     * @return the scope elements, padded with {@code null}
     * @deprecated use {@link AnvilServer#unwrapCapability(Object, List)}, as Anvil's documentation
     *     says
     */
    @Deprecated
    public static List<Object> require(Object capability, List<?> pattern) {
        return unwrap(capability, pattern);
    }

    static List<Object> unwrap(Object capability, List<?> pattern) {
        if (capability == null || capability.getClass() != Capability.class) {
            throw new TypeError("unwrap_capability() needs a Capability, not "
                    + (capability == null ? "None" : capability.getClass().getName()));
        }
        if (pattern == null) {
            throw new TypeError("unwrap_capability() needs a list as its pattern, not None");
        }
        List<Object> scope = ((Capability) capability).scope();
        if (scope.size() > pattern.size()) {
            throw new ValueError("Capability is too narrow: its scope " + scope + " is longer than the pattern "
                    + pattern);
        }
        List<Object> result = new ArrayList<>(pattern.size());
        for (int i = 0; i < pattern.size(); i++) {
            if (i >= scope.size()) {
                result.add(null);
                continue;
            }
            Object expected = pattern.get(i);
            Object actual = scope.get(i);
            if (expected != ANY && !scopeEquals(actual, expected)) {
                throw new ValueError("Incorrect Capability: element " + i + " of its scope is " + actual
                        + ", the pattern wants " + expected);
            }
            result.add(actual);
        }
        return result;
    }

    private static boolean scopeEquals(Object actual, Object expected) {
        if (expected instanceof Object[] tuple) {
            expected = java.util.Arrays.asList(tuple);
        }
        if (actual instanceof Number a && expected instanceof Number b && !(a instanceof Double)
                && !(b instanceof Double) && !(b instanceof Float)) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        if (actual instanceof Number a && expected instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (actual instanceof List<?> a && expected instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!scopeEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(actual, expected);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Capability c && scope().equals(c.scope());
    }

    @Override
    public int hashCode() {
        return scope().hashCode();
    }

    @Override
    public String toString() {
        return "Capability" + scope();
    }
}
