package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The random ids an uplink connection mints: the ten-character ids of the calls it sends the
 * uplink and the keys of the LazyMedia it sends by reference, which are unique enough within one
 * connection, and the six-hex-digit numbers of the internal server errors it reports, which match an
 * uplink's error message with its entry in the app log.
 */
final class ConnectionIds {
    private static final char[] ID_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private ConnectionIds() {}

    /** A new id of ten characters of the base64 alphabet. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }

    /** A new number of an internal server error, in hex. */
    @OutsideTheSpecification("the number of an internal server error, for the app log"
            + " and the error's wording; no clause fixes it")
    static String errorId() {
        return Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000));
    }
}
