/**
 * The implementation of the JUnit extension: its settings, the store resource that owns a runtime,
 * the messages of misuse and of failed assertions, the app log shown with a failed test. Not an
 * API: types here change without notice.
 */
package dev.anvilcheck.junit.internal;
