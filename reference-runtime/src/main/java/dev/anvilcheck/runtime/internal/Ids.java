package dev.anvilcheck.runtime.internal;

import java.security.SecureRandom;

/** Random identifiers in the platform's shapes. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Ids() {}

    /**
     * A random lower-case base32 string.
     *
     * @param length how many characters (a background task id has 25, TASK-14)
     * @return the id
     */
    public static String base32(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE32[RANDOM.nextInt(BASE32.length)];
        }
        return new String(out);
    }
}
