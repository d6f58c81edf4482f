package dev.anvilcheck.runtime.internal.http;

import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.util.List;

/**
 * The listener's server socket as Netty's NIO one, except that the connections it accepts are
 * {@link Accepted}: channels that give up their socket, so that an Uplink WebSocket can leave the
 * event loops once its handshake is done ({@link UplinkSocket}).
 */
final class ListenerChannel extends NioServerSocketChannel {
    private static final System.Logger LOG = System.getLogger(ListenerChannel.class.getName());

    @Override
    protected int doReadMessages(List<Object> buf) throws Exception {
        java.nio.channels.SocketChannel accepted = javaChannel().accept();
        if (accepted == null) {
            return 0;
        }
        try {
            buf.add(new Accepted(this, accepted));
            return 1;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not make a channel of an accepted socket; closing it", e);
            try {
                accepted.close();
            } catch (IOException closing) {
                LOG.log(System.Logger.Level.DEBUG, "Closing the socket failed", closing);
            }
            return 0;
        }
    }

    /** An accepted connection, whose socket {@link UplinkSocket} may take over. */
    static final class Accepted extends NioSocketChannel {
        Accepted(Channel parent, java.nio.channels.SocketChannel socket) {
            super(parent, socket);
        }

        /** @return the socket under this channel */
        java.nio.channels.SocketChannel socket() {
            return javaChannel();
        }
    }
}
