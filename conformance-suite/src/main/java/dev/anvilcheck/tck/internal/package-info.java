/**
 * Internals of the conformance suite: test-name parsing, the clause catalogue, value descriptions
 * for failure messages and the certification report. Not an API.
 */
package dev.anvilcheck.tck.internal;
