package dev.anvilcheck.tck.wire;

import dev.anvilcheck.spi.RuntimeUnderTest;

/**
 * A runtime under test reached over the Uplink, which tells the suite where it is so that the UPL
 * clause tests can open uplinks of their own, with right and wrong keys (UPL-01..12). A provider
 * that declares {@link dev.anvilcheck.spi.Feature#UPLINK_WIRE} starts runtimes of this type.
 *
 * @since 0.1
 */
public interface WireRuntimeUnderTest extends RuntimeUnderTest {
    /**
     * Where the runtime is and its keys.
     *
     * @return the target
     */
    WireTarget target();
}
