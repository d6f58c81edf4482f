/**
 * What a runtime implements and uses: the value model ({@code value}: what happens to a value
 * when it crosses a call boundary), the SPI ({@code spi}) through which the conformance suite and
 * the JUnit extension drive a runtime, and the building blocks every host of server code shares
 * ({@code hosting}: the binder, the {@code require_user} check, the endpoint wrapper). Reading
 * this module reads the API module too.
 */
module dev.anvilcheck.core {
    requires transitive dev.anvilcheck.server.api;
    requires static org.apiguardian.api;

    exports dev.anvilcheck.hosting;
    exports dev.anvilcheck.spi;
    exports dev.anvilcheck.value;
}
