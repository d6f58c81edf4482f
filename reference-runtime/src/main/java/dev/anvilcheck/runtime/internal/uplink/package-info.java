/**
 * The reference runtime's Uplink server (Uplink protocol §1..§7; UPL-01..12): one
 * {@link dev.anvilcheck.runtime.internal.uplink.UplinkConnection} per WebSocket at
 * {@code /_/uplink}, speaking the wire through {@link dev.anvilcheck.wire.WireCodec}; functions a
 * server-key uplink registers join the dispatcher's registry, and calls an uplink makes run through
 * the dispatcher like every other caller's. A connection routes what arrives to parts with one job
 * each: {@code UplinkHandshake} (the key and the REGISTERs), {@code CallsFromUplink} with
 * {@code PlatformCommands} (the calls the uplink makes), {@code CallsToUplink} with
 * {@code CallEnvelope} (the calls this server makes to it), {@code UplinkLiveObjects} (task handles
 * and LazyMedia), {@code UplinkCaller} (the uplink as a caller, and its session) and
 * {@code UplinkSender} (the way out). The socket itself belongs to the HTTP layer.
 */
package dev.anvilcheck.runtime.internal.uplink;
