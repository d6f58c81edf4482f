/**
 * The Uplink wire protocol ({@code wire}: the codec, its messages and the protocol's names) and
 * the Java uplink client ({@code uplink}), which connects to an Anvil app over a WebSocket to
 * provide and call server functions.
 */
module dev.anvilcheck.uplink.client {
    requires transitive dev.anvilcheck.core;
    requires transitive java.net.http;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports dev.anvilcheck.uplink;
    exports dev.anvilcheck.wire;
}
