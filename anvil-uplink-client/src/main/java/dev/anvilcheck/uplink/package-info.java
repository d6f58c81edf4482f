/**
 * A Java Anvil Uplink client on the JDK's WebSocket (Uplink protocol §7 (b); UPL-01..12): connect
 * with a server or client key, provide functions and background tasks, call the app's functions,
 * keep the connection alive and reconnect. Functions it serves use the same {@link
 * dev.anvilcheck.server.AnvilServer} facade as server code run by any runtime.
 *
 * @since 0.1
 */
package dev.anvilcheck.uplink;
