/**
 * The reference runtime: {@link dev.anvilcheck.runtime.AnvilRuntime}, its simulated callers and
 * its {@link dev.anvilcheck.runtime.FakeClock}. Everything in {@code .internal} may change
 * without notice.
 */
package dev.anvilcheck.runtime;
