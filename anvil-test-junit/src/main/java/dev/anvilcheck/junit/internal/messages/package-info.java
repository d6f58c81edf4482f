/**
 * The failure messages of the assertions: one factory per kind of failure, as AssertJ's
 * {@code ShouldBeEmpty}. Each message names the function and the caller type and, where the
 * runtime's rule explains the outcome, the specification clause.
 */
package dev.anvilcheck.junit.internal.messages;
