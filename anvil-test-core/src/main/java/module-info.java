/**
 * What a runtime implements and uses: the value model ({@code value}: what happens to a value
 * when it crosses a call boundary) and the SPI ({@code spi}) through which the conformance suite
 * and the JUnit extension drive a runtime. Reading this module reads the API module too.
 */
module dev.anvilcheck.core {
    requires transitive dev.anvilcheck.server.api;

    exports dev.anvilcheck.spi;
    exports dev.anvilcheck.value;
}
