/**
 * The reference runtime: an in-memory implementation of the {@code anvil.server} API with a fake
 * clock and simulated callers, listening on loopback for HTTP and the Uplink, and runnable
 * stand-alone as serve mode ({@code runtime.serve}, which needs picocli on the module path). Only
 * {@code runtime} and {@code runtime.serve} are exported; the conformance suite finds the runtime
 * as a {@link dev.anvilcheck.spi.RuntimeProvider} service.
 */
module dev.anvilcheck.runtime {
    requires transitive dev.anvilcheck.core;
    requires transitive dev.anvilcheck.uplink.client;
    requires com.fasterxml.jackson.databind;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires static info.picocli;
    requires jdk.unsupported;

    exports dev.anvilcheck.runtime;
    exports dev.anvilcheck.runtime.serve;

    opens dev.anvilcheck.runtime.serve to info.picocli;

    provides dev.anvilcheck.spi.RuntimeProvider with dev.anvilcheck.runtime.ReferenceRuntimeProvider;
}
