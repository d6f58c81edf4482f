/**
 * The value model of a call boundary: which values may cross ({@link dev.anvilcheck.value.ValueKind}),
 * how a value is copied when it crosses, and the errors for values that may not
 * ({@link dev.anvilcheck.value.Crossing}, SER-01..15, CALL-20, CALL-21, SESS-04, SESS-05,
 * MEDIA-01..05, PORT-01..12), and the paths those errors name ({@link dev.anvilcheck.value.ValuePath},
 * SER-14). A crossing is described once, from one {@link dev.anvilcheck.value.Side} to another
 * ({@code Crossing.from(sender).to(receiver)}), each with its own portable classes, and copies a
 * value for one purpose per method; a two-step crossing is sent now and received later
 * ({@link dev.anvilcheck.value.InTransit}). Every runtime copies values through this package, so
 * all of them agree on what arrives.
 */
package dev.anvilcheck.value;
