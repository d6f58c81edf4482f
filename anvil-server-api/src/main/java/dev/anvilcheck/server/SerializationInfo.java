package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The per-message information the serialisation hooks of portable classes receive
 * ({@code anvil.server.SerializationInfo}, PORT-05): data shared by all the objects of one message,
 * and whether each side is trusted. {@link #sharedData()} gives two maps per key: the
 * <em>transmitted</em> one, which the sender's {@code serialize} hooks fill and which crosses
 * with the message, before any object is reconstructed, so that the receiver's
 * {@code deserialize} and {@code newDeserialized} hooks read it; and a <em>local</em> one, which
 * stays on its side and lives as long as the message. The transmitted map is {@code null} while
 * the transmitted data itself is being sent or reconstructed. One instance serves one message on
 * one side; it is not thread-safe.
 *
 * <p>The value model ({@code dev.anvilcheck.value.Crossing}) creates instances with
 * {@link #forSending} and {@link #forReceiving} and moves the transmitted data across with
 * {@link #closeTransmittedData()} and {@link #openTransmittedData(Map)}; server code only reads
 * what it is given.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class SerializationInfo {
    private final PortableClasses classes;
    private final boolean localIsTrusted;
    private final boolean remoteIsTrusted;
    private Map<String, Object> transmitted = new LinkedHashMap<>();
    private final Map<String, Map<Object, Object>> local = new LinkedHashMap<>();
    private boolean transmittedAvailable = true;
    private String defaultKey;

    private SerializationInfo(PortableClasses classes, boolean localIsTrusted, boolean remoteIsTrusted,
            boolean transmittedAvailable) {
        this.classes = Objects.requireNonNull(classes, "classes");
        this.localIsTrusted = localIsTrusted;
        this.remoteIsTrusted = remoteIsTrusted;
        this.transmittedAvailable = transmittedAvailable;
    }

    /**
     * The information of a message about to be sent: hooks may fill transmitted data until
     * {@link #closeTransmittedData()} (PORT-05).
     *
     * @param classes the sender's portable classes, which name class keys
     * @param localIsTrusted whether the sender is trusted
     * @param remoteIsTrusted whether the receiver is trusted
     * @return the information
     */
    public static SerializationInfo forSending(PortableClasses classes, boolean localIsTrusted,
            boolean remoteIsTrusted) {
        return new SerializationInfo(classes, localIsTrusted, remoteIsTrusted, true);
    }

    /**
     * The information of a message being received: transmitted data is unavailable until
     * {@link #openTransmittedData(Map)} (PORT-05).
     *
     * @param classes the receiver's portable classes, which name class keys
     * @param localIsTrusted whether the receiver is trusted
     * @param remoteIsTrusted whether the sender is trusted
     * @return the information
     */
    public static SerializationInfo forReceiving(PortableClasses classes, boolean localIsTrusted,
            boolean remoteIsTrusted) {
        return new SerializationInfo(classes, localIsTrusted, remoteIsTrusted, false);
    }

    /**
     * The shared data of the portable class being serialised or reconstructed: the key is that
     * class's registered name ({@code info.shared_data()}, PORT-05).
     *
     * @return the transmitted map (or {@code null} while unavailable) and the local map
     */
    public SharedData sharedData() {
        return shared(defaultKey == null ? ":None" : defaultKey);
    }

    /**
     * The shared data under a key of the caller's choosing ({@code info.shared_data("key")}).
     * Keys of this form never collide with class keys.
     *
     * @param key the key; {@code null} means the class being serialised, as {@link #sharedData()}
     * @return the transmitted map (or {@code null} while unavailable) and the local map
     */
    public SharedData sharedData(String key) {
        return key == null ? sharedData() : shared(":" + key);
    }

    /**
     * The shared data of another portable class, e.g. a class that collects data for the objects
     * of several classes ({@code info.shared_data(OtherClass)}); the key is that class's registered
     * name, or its binary name when it is not registered.
     *
     * @param key the class; {@code null} means the class being serialised, as {@link #sharedData()}
     * @return the transmitted map (or {@code null} while unavailable) and the local map
     */
    public SharedData sharedData(Class<?> key) {
        if (key == null) {
            return sharedData();
        }
        String name = classes.nameOf(key);
        return shared(name != null ? name : key.getName());
    }

    private SharedData shared(String key) {
        Map<Object, Object> localMap = local.computeIfAbsent(key, k -> new LinkedHashMap<>());
        if (!transmittedAvailable) {
            return new SharedData(null, localMap);
        }
        Object existing = transmitted.get(key);
        Map<String, Object> transmittedMap;
        if (existing instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) m;
            transmittedMap = typed;
        } else {
            transmittedMap = new LinkedHashMap<>();
            transmitted.put(key, transmittedMap);
        }
        return new SharedData(transmittedMap, localMap);
    }

    /**
     * Whether the other side of the message is trusted ({@code info.remote_is_trusted}): server
     * code, a server uplink or a background task, rather than a browser or a client uplink.
     *
     * @return true if the other side is trusted
     */
    public boolean remoteIsTrusted() {
        return remoteIsTrusted;
    }

    /**
     * Whether this side of the message is trusted ({@code info.local_is_trusted}).
     *
     * @return true if this side is trusted
     */
    public boolean localIsTrusted() {
        return localIsTrusted;
    }

    /**
     * Ends the sender's collection of transmitted data and returns it, to be sent after the
     * message's value (PORT-05); from now on hooks see no transmitted map, as while the
     * transmitted data itself is serialised. For the value model.
     *
     * @return the transmitted data by key, empty if no hook transmitted anything
     */
    public Map<String, Object> closeTransmittedData() {
        transmittedAvailable = false;
        Map<String, Object> out = transmitted;
        transmitted = new LinkedHashMap<>();
        out.values().removeIf(v -> v instanceof Map<?, ?> m && m.isEmpty());
        return Collections.unmodifiableMap(out);
    }

    /**
     * Makes the transmitted data that arrived with the message available to the receiver's hooks
     * (PORT-05). For the value model.
     *
     * @param data the transmitted data by key, after it crossed
     */
    public void openTransmittedData(Map<String, Object> data) {
        transmitted = new LinkedHashMap<>(Objects.requireNonNull(data, "data"));
        transmittedAvailable = true;
    }

    /** Sets the key {@link #sharedData()} resolves to: the registered name of the class at hand. */
    void defaultKey(String registeredName) {
        this.defaultKey = registeredName;
    }

    @Override
    public String toString() {
        return "SerializationInfo<" + (transmittedAvailable ? transmitted : "transmitted data unavailable") + ", "
                + local + ">";
    }

    /**
     * The two maps of one key of shared data ({@code shared_data()}'s pair, PORT-05).
     *
     * @param transmitted the map that crosses with the message, or {@code null} while unavailable;
     *     its values must be able to cross
     * @param local the map that stays on this side, for this message
     * @since 0.1
     */
    public record SharedData(Map<String, Object> transmitted, Map<Object, Object> local) {}
}
