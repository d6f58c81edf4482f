/**
 * The value model of a call boundary: which values may cross ({@link dev.anvilcheck.value.ValueKind}),
 * how a value is copied when it crosses, and the errors for values that may not
 * ({@link dev.anvilcheck.value.Crossing}, SER-01..15, CALL-20, CALL-21, SESS-04, SESS-05,
 * MEDIA-01..05, PORT-01..12), and the paths those errors name ({@link dev.anvilcheck.value.ValuePath},
 * SER-14). A crossing is sent by one {@link dev.anvilcheck.value.Side} and received by another
 * ({@link dev.anvilcheck.value.InTransit}), each with its own portable classes. Every runtime
 * copies values through this package, so all of them agree on what arrives.
 */
package dev.anvilcheck.value;
