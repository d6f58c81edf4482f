/**
 * The reference runtime's Uplink server (Uplink protocol §1..§7; UPL-01..12): one
 * {@link dev.anvilcheck.runtime.internal.uplink.UplinkConnection} per WebSocket at
 * {@code /_/uplink}, speaking the wire through {@link dev.anvilcheck.wire.WireCodec}; functions a
 * server-key uplink registers join the dispatcher's registry, and calls an uplink makes run through
 * the dispatcher like every other caller's. The socket itself belongs to the HTTP layer.
 */
package dev.anvilcheck.runtime.internal.uplink;
