package dev.anvilcheck.runtime.uplink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test helper: a loopback TCP forwarder whose connections the test can cut, to simulate a lost
 * network. A cut closes both sockets of every connection: the client reads the end of the stream
 * (a FIN, no WebSocket Close frame), as when the server's process dies.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cutAfterReply = new AtomicBoolean();

    TcpProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void start(Runnable r) {
        Thread t = new Thread(r, "tcp-proxy");
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(in);
                sockets.add(out);
                start(() -> pump(in, out, false));
                start(() -> pump(out, in, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean toClient) {
        byte[] buffer = new byte[65536];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                // decided before the bytes are passed on: a test arms the cut once its client has
                // read the bytes before, which this thread may not yet have finished writing
                boolean cut = toClient && cutAfterReply.getAndSet(false);
                out.write(buffer, 0, n);
                out.flush();
                if (cut) {
                    dropAll();
                }
            }
        } catch (IOException e) {
            closeQuietly(to);
            return;
        }
        closeQuietly(to);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Cuts every connection made so far right after the next bytes it passes from the server to the
     * client, so that the client reads them and the end of the stream at once.
     */
    void cutAfterNextReply() {
        cutAfterReply.set(true);
    }

    /** Cuts every connection made so far; new ones are still accepted. */
    void dropAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    @Override
    public void close() throws Exception {
        server.close();
        dropAll();
        for (Thread t : threads) {
            t.join(5000);
        }
    }
}
