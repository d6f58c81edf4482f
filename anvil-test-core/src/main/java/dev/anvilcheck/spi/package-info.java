/**
 * The service-provider interface a runtime implements to be certified by the conformance suite:
 * a {@link dev.anvilcheck.spi.RuntimeProvider} found by {@link java.util.ServiceLoader}, the
 * simulated callers, and optional controls of time and faults. Server code itself binds to a
 * runtime through {@link dev.anvilcheck.server.host.CallScope}.
 */
package dev.anvilcheck.spi;
