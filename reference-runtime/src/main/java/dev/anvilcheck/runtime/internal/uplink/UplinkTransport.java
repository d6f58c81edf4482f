package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.wire.Encoded;

/**
 * One WebSocket as the uplink server sees it: it sends whole messages, a message's Media chunks
 * right behind it and never interleaved with another message's frames (Uplink protocol §3.6), and
 * closes. The HTTP listener implements it ({@code internal.http.UplinkSocket}): the socket leaves
 * Netty's event loops after the handshake and is read by one of the server's threads at a time,
 * which may run a call itself ({@link UplinkConnection#readComplete()}).
 */
public interface UplinkTransport {
    /**
     * Sends one message with its Media chunks.
     *
     * @param message the frames
     * @return false if the socket is closed or was closed because the peer does not read
     */
    boolean send(Encoded message);

    /** Closes the socket with a normal close (1000); {@link UplinkConnection#closed} follows. */
    void close();
}
