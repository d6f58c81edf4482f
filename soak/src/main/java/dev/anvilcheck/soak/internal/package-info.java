/**
 * The soak harness's parts, none of them API: the seeded frame generator and its mutations
 * ({@link dev.anvilcheck.soak.internal.FrameGenerator}), the raw WebSocket client that sends them
 * ({@link dev.anvilcheck.soak.internal.RawWebSocket}), the fuzzing, HTTP abuse, churn and steady
 * drivers, serve mode as a child process with its probes and its log classifier, and the report.
 * {@link dev.anvilcheck.soak.internal.SoakRun} puts them together.
 *
 * @since 0.1
 */
package dev.anvilcheck.soak.internal;
