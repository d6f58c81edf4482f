/**
 * Certification over the wire: a {@link dev.anvilcheck.spi.RuntimeProvider} for a runtime known
 * only by its Uplink URL, a server key, a client key and an HTTP origin (Uplink protocol §7;
 * UPL-01..12). Probe functions are provided through a server uplink, untrusted calls made through
 * client uplinks and trusted ones through further server uplinks, all with the Java uplink client
 * {@link dev.anvilcheck.uplink.Uplink}.
 *
 * @since 0.1
 */
package dev.anvilcheck.tck.wire;
