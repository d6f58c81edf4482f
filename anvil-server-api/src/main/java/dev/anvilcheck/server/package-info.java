/**
 * The {@code anvil.server} API in Java. Names follow one rule (CONVENTIONS 15, spec §4): Anvil's classes
 * keep their names ({@code CallContext}, {@code Capability}, {@code PermissionDenied}); snake_case
 * functions and attributes become camelCase ({@code get_session_id} → {@code getSessionId},
 * {@code remote_caller} → {@code remoteCaller}); module functions are static methods of
 * {@link dev.anvilcheck.server.AnvilServer}; decorators are annotations
 * ({@code @anvil.server.callable} → {@link dev.anvilcheck.server.Callable}).
 */
package dev.anvilcheck.server;
