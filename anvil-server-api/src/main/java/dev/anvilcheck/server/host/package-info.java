/**
 * How a runtime hosts server code, for runtime implementers only: the {@link
 * dev.anvilcheck.server.host.CallScope} a runtime binds to each thread that runs a call (the
 * {@link dev.anvilcheck.server.AnvilServer} facade resolves through it), the optional
 * {@link dev.anvilcheck.server.host.ServerEvents} it offers, and the {@link
 * dev.anvilcheck.server.host.WireError} object that crosses a call boundary in place of a
 * response. Server code never needs this package: it uses {@code dev.anvilcheck.server}.
 */
package dev.anvilcheck.server.host;
