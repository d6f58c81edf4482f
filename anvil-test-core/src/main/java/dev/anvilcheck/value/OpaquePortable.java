package dev.anvilcheck.value;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A portable object whose class the side holding it does not know, kept as its registered type
 * name and its data as sent, so that a server can relay it unchanged between uplinks: the official
 * server passes portable-class values through opaquely and re-emits them at the same path (Uplink
 * protocol §4.5). It exists only on a side whose registry {@link
 * dev.anvilcheck.server.PortableClasses#relaysUnknown() relays unknown names}; a side that does
 * not relay, such as server code receiving the value as an argument, is refused with {@code
 * "No such serializable type: <name>"} instead (PORT-08). It carries the shared data of the
 * message it arrived in ({@code vt_global}), which its class's {@code deserialize} may read on the
 * side that knows the class, so that relaying passes it on too (PORT-05).
 *
 * @param typeName the name the sender registered the class under
 * @param data the object's data as sent, in the value model (special values inside already decoded)
 * @param sharedData the shared data of the message it arrived in, by key; empty if none
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record OpaquePortable(String typeName, Object data, Map<String, Object> sharedData) {
    /**
     * Validates the record.
     *
     * @param typeName the name the sender registered the class under
     * @param data the object's data as sent
     * @param sharedData the shared data that travelled with it, kept as a read-only view (it is the
     *     message's own map, whose special values the decoder rebuilds in place); {@code null} for none
     * @throws NullPointerException if {@code typeName} is {@code null}
     */
    public OpaquePortable {
        Objects.requireNonNull(typeName, "typeName");
        sharedData = sharedData == null ? Map.of() : java.util.Collections.unmodifiableMap(sharedData);
    }

    /**
     * An opaque object that travelled without shared data.
     *
     * @param typeName the name the sender registered the class under
     * @param data the object's data as sent
     */
    public OpaquePortable(String typeName, Object data) {
        this(typeName, data, Map.of());
    }
}
