/**
 * The JUnit 5 extension for unit-testing server functions against the reference runtime
 * ({@code junit}). JUnit Jupiter's API is the test's own: this module reads it but does not
 * bring it.
 */
module dev.anvilcheck.junit {
    requires transitive dev.anvilcheck.runtime;
    requires transitive org.junit.jupiter.api;

    exports dev.anvilcheck.junit;
}
