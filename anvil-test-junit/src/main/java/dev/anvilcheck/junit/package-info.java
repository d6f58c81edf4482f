/**
 * The JUnit 5 extension for server-function tests: {@link dev.anvilcheck.junit.AnvilTest} and
 * {@link dev.anvilcheck.junit.AnvilExtension} give each test a reference runtime and its callers as
 * parameters; {@link dev.anvilcheck.junit.AnvilAssertions} asserts on calls and on the call journal.
 */
package dev.anvilcheck.junit;
