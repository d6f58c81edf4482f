package dev.anvilcheck.runtime.internal.cookies;

import dev.anvilcheck.server.CookieError;
import dev.anvilcheck.value.Side;
import dev.anvilcheck.wire.WireCodec;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform's size limit of a cookie (SESS-16): a jar whose stored form would be longer than
 * 4000 characters refuses the update that made it so with {@code CookieError: Cookie too big},
 * and keeps its entries. The stored form is measured as the App Server builds it
 * ({@code dispatcher/native_rpc_handlers/cookies.clj}, {@code app_server/secrets.clj}): the
 * serialiser's JSON of {@code {"c": {<app key>: {<key>: [<value>, <expiry ms>]}}, "id": "x"}} with
 * its {@code objects} list, prefixed with {@code ":c:"}, sealed with AES-GCM (a 12-byte IV before
 * and a 16-byte tag after) and written in Base64. The app key is 16 hex digits of a SHA-256 on
 * the platform; only its length matters here.
 */
final class CookieSize {
    /** The longest stored form the platform accepts, in characters. */
    static final int LIMIT = 4000;

    private static final String APP_KEY = "0".repeat(16);
    private static final int PREFIX = ":c:".length();
    private static final int IV = 12;
    private static final int TAG = 16;

    private CookieSize() {}

    /**
     * The length in characters of a jar's stored form on the platform.
     *
     * @param entries the jar's entries after the update
     * @param side the server side, whose zone and portable classes the values are written with
     * @return the length
     */
    static int storedLength(Map<String, StoredJar.Entry> entries, Side side) {
        // each expiry is written as 0 and its digits counted apart: the platform's serialiser writes a
        // Java long inline, where this codec, speaking for Python, moves large integers to objects
        Map<String, Object> jar = new LinkedHashMap<>();
        int expiryDigits = 0;
        for (Map.Entry<String, StoredJar.Entry> e : entries.entrySet()) {
            jar.put(e.getKey(), Arrays.asList(e.getValue().value(), 0L));
            expiryDigits += Long.toString(millis(e.getValue().expiry())).length() - 1;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("c", Map.of(APP_KEY, jar));
        payload.put("id", "x");
        WireCodec codec = WireCodec.builder().zone(side.zone()).portableClasses(side.classes()).build();
        int sealed = IV + PREFIX + codec.encodeStored(payload).length + expiryDigits + TAG;
        return 4 * ((sealed + 2) / 3);
    }

    /**
     * Refuses a jar whose stored form would pass the limit.
     *
     * @param entries the jar's entries after the update
     * @param side the server side
     * @throws CookieError "Cookie too big" if the stored form would be longer than {@link #LIMIT}
     */
    static void check(Map<String, StoredJar.Entry> entries, Side side) {
        if (storedLength(entries, side) > LIMIT) {
            throw new CookieError("Cookie too big");
        }
    }

    private static long millis(Instant expiry) {
        if (expiry.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE))) {
            return Long.MAX_VALUE;
        }
        if (expiry.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE))) {
            return Long.MIN_VALUE;
        }
        return expiry.toEpochMilli();
    }
}
