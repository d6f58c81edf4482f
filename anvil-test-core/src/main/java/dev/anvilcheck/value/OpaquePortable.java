package dev.anvilcheck.value;

import java.util.Objects;

/**
 * A portable object whose class the side holding it does not know, kept as its registered type
 * name and its data as sent, so that a server can relay it unchanged between uplinks: the official
 * server passes portable-class values through opaquely and re-emits them at the same path (Uplink
 * protocol §4.5). It exists only on a side whose registry {@link
 * dev.anvilcheck.server.PortableClasses#relaysUnknown() relays unknown names}; a side that does
 * not relay, such as server code receiving the value as an argument, is refused with {@code
 * "No such serializable type: <name>"} instead (PORT-08).
 *
 * @param typeName the name the sender registered the class under
 * @param data the object's data as sent, in the value model (special values inside already decoded)
 * @since 0.1
 */
public record OpaquePortable(String typeName, Object data) {
    /**
     * Validates the record.
     *
     * @param typeName the name the sender registered the class under
     * @param data the object's data as sent
     * @throws NullPointerException if {@code typeName} is {@code null}
     */
    public OpaquePortable {
        Objects.requireNonNull(typeName, "typeName");
    }
}
