/**
 * The server side of the interop harness: the probe module serve mode loads with {@code --module}
 * ({@link dev.anvilcheck.interop.probe.Probes}), the portable class and error type every side
 * registers, and the typed description of values ({@link dev.anvilcheck.interop.probe.Describe})
 * that both clients' outcomes are written in.
 */
package dev.anvilcheck.interop.probe;
