package dev.anvilcheck.soak.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Source addresses of the loopback range (127.0.0.0/8) that name a connection: the server logs an
 * uplink's remote address, so a fuzz connection bound to {@link #fuzz(long)} can be found again
 * from a line of the server's log ({@link #fuzzIndex(String)}). HTTP abuse and churn use ranges of
 * their own; nothing uses 127.0.0.1, which is the steady client's.
 *
 * @since 0.1
 */
public final class Loopback {
    private static final int FUZZ_BLOCKS = 150;

    private Loopback() {}

    /**
     * The source address of fuzz connection {@code index}: 127.(1..150).x.y.
     *
     * @param index the connection's index, from 1
     * @return the address
     * @since 0.1
     */
    public static InetAddress fuzz(long index) {
        long k = index % (FUZZ_BLOCKS * 65_536L);
        return address(1 + (int) (k >>> 16), (int) (k >>> 8) & 255, (int) k & 255);
    }

    /**
     * The fuzz connection an address names, as {@link #fuzz(long)} gave it (modulo 9 830 400).
     *
     * @param ip a dotted address
     * @return the index, or -1 if the address is not a fuzz connection's
     * @since 0.1
     */
    public static long fuzzIndex(String ip) {
        String[] p = ip.split("\\.");
        if (p.length != 4 || !p[0].equals("127")) {
            return -1;
        }
        try {
            int a = Integer.parseInt(p[1]);
            if (a < 1 || a > FUZZ_BLOCKS) {
                return -1;
            }
            return ((long) (a - 1) << 16) | (Integer.parseInt(p[2]) << 8) | Integer.parseInt(p[3]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The source address of HTTP abuse connection {@code index}: 127.200.x.y.
     *
     * @param index the connection's index
     * @return the address
     * @since 0.1
     */
    public static InetAddress http(long index) {
        return address(200, (int) (index >>> 8) & 255, (int) index & 255);
    }

    /**
     * The source address of churn connection {@code index}: 127.201.x.y.
     *
     * @param index the connection's index
     * @return the address
     * @since 0.1
     */
    public static InetAddress churn(long index) {
        return address(201, (int) (index >>> 8) & 255, (int) index & 255);
    }

    private static InetAddress address(int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
