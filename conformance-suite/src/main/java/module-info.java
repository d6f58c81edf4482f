/**
 * The conformance suite: one JUnit test per clause of the specification, run against any runtime
 * that provides a {@link dev.anvilcheck.spi.RuntimeProvider}, in memory or over the wire, with a
 * JSON and HTML certification report ({@code tck.Certify}, which needs picocli on the module
 * path). The clause tests are opened to JUnit, which runs them by reflection, and to the modules
 * that read the server code they declare.
 */
module dev.anvilcheck.tck {
    requires transitive dev.anvilcheck.core;
    requires transitive dev.anvilcheck.uplink.client;
    requires transitive org.junit.jupiter.api;
    requires org.junit.jupiter.params;
    requires org.junit.platform.launcher;
    requires com.fasterxml.jackson.databind;
    requires static info.picocli;

    exports dev.anvilcheck.tck;
    exports dev.anvilcheck.tck.clauses;
    exports dev.anvilcheck.tck.wire;

    opens dev.anvilcheck.tck to info.picocli, org.junit.platform.commons;
    // JUnit runs the clause tests by reflection; the runtime's binder and the portable class
    // registry read the server code and portable classes the tests declare, as they read an app's
    opens dev.anvilcheck.tck.clauses to org.junit.platform.commons, dev.anvilcheck.core, dev.anvilcheck.server.api;
    opens dev.anvilcheck.tck.wire to org.junit.platform.commons;
    opens dev.anvilcheck.tck.internal.report to com.fasterxml.jackson.databind;

    uses dev.anvilcheck.spi.RuntimeProvider;
}
