/**
 * The conformance suite (TCK) of {@code anvil.server}: it certifies any runtime that implements
 * the SPI of {@code dev.anvilcheck.spi}. {@link dev.anvilcheck.tck.Certify} runs it from the
 * command line; {@link dev.anvilcheck.tck.ConformanceExtension} runs each clause test against a
 * fresh runtime found by {@link dev.anvilcheck.tck.RuntimeDiscovery}; tests wait only through
 * {@link dev.anvilcheck.tck.TestEnvironment} and fail through {@link dev.anvilcheck.tck.Expect},
 * with one message template ({@link dev.anvilcheck.tck.FailureMessage}).
 */
package dev.anvilcheck.tck;
