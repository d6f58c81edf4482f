/**
 * Browser cookies of the reference runtime (SESS-16, SESS-17): the store a simulated browser
 * keeps across its sessions, and the jars server code sees. Depends on core only, never on the
 * rest of the runtime.
 */
package dev.anvilcheck.runtime.internal.cookies;
