/**
 * Java counterparts of the Python built-in errors that the semantics specification names
 * ({@code TypeError}, {@code ValueError}, {@code KeyError} and its base {@code LookupError},
 * {@code RuntimeError}): each extends
 * the Java exception with the same meaning and crosses the wire under its Python name.
 */
package dev.anvilcheck.python;
