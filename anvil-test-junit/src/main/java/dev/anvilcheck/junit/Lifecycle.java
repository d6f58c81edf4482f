package dev.anvilcheck.junit;

/**
 * How long the {@link dev.anvilcheck.runtime.AnvilRuntime} of an {@link AnvilTest} or
 * {@link AnvilExtension} lives.
 *
 * @since 0.1
 */
public enum Lifecycle {
    /**
     * Each test gets a fresh runtime with the modules registered, closed after the test's
     * {@code @AfterEach} methods: tests cannot see each other's sessions, calls or tasks. The
     * default.
     */
    PER_TEST,
    /**
     * The tests of a class share one runtime, created when first needed and closed after the
     * class's {@code @AfterAll} methods; {@code @BeforeAll} methods may receive it. Tests that run
     * concurrently see each other's calls in the journal.
     */
    PER_CLASS
}
