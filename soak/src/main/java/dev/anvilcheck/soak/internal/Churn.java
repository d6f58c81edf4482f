package dev.anvilcheck.soak.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connection churn: opens and closes connections quickly, HTTP and WebSocket, some abruptly. Each
 * connection, from its own 127.201.x.y address, does one of: connect and close (FIN); connect and
 * reset (SO_LINGER 0); send a request and reset before the answer; send a request, read the answer
 * and close; upgrade to the Uplink WebSocket and reset; upgrade, give the key and close without a
 * close frame; upgrade and send a close frame. A short pause between connections keeps the rate
 * at a few hundred a second per worker.
 *
 * @since 0.1
 */
public final class Churn {
    private static final String[] KINDS = {
        "fin", "reset", "request-then-reset", "request-answered", "ws-reset", "ws-key-then-fin", "ws-close-frame"
    };

    private final InetSocketAddress server;
    private final RunControl control;
    private final Tally connections;
    private final AtomicLong index = new AtomicLong();

    /**
     * @param server the serve process's address
     * @param control when to stop
     * @param connections counts connections by kind
     * @since 0.1
     */
    public Churn(InetSocketAddress server, RunControl control, Tally connections) {
        this.server = server;
        this.control = control;
        this.connections = connections;
    }

    /**
     * Churns until the run stops.
     *
     * @param r this worker's seeded random
     * @since 0.1
     */
    public void work(Random r) {
        while (!control.done()) {
            String kind = KINDS[r.nextInt(KINDS.length)];
            connections.add(kind);
            try {
                once(kind, r);
            } catch (IOException e) {
                connections.add("io-" + e.getClass().getSimpleName());
            }
            try {
                Thread.sleep(1 + r.nextInt(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * @return the connections opened so far
     * @since 0.1
     */
    public long connections() {
        return index.get();
    }

    private void once(String kind, Random r) throws IOException {
        long i = index.incrementAndGet();
        if (kind.startsWith("ws-")) {
            RawWebSocket ws = RawWebSocket.open(server, Loopback.churn(i), "/_/uplink", r, 5_000);
            if (ws == null) {
                connections.add("ws-upgrade-refused");
                return;
            }
            switch (kind) {
                case "ws-reset" -> ws.end(FrameGenerator.Ending.RESET);
                case "ws-key-then-fin" -> {
                    ws.send(Frame.text("{\"key\":\"SOAK-CLIENT-KEY\",\"v\":8}".getBytes(StandardCharsets.US_ASCII), "key"));
                    ws.end(FrameGenerator.Ending.FIN);
                }
                default -> ws.end(FrameGenerator.Ending.CLOSE_FRAME);
            }
            return;
        }
        Socket s = new Socket();
        try {
            s.bind(new InetSocketAddress(Loopback.churn(i), 0));
            s.connect(server, 5_000);
            s.setSoTimeout(5_000);
            if (kind.startsWith("request")) {
                s.getOutputStream().write("GET /_/api/echo?n=2 HTTP/1.1\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                if (kind.equals("request-answered")) {
                    RawWebSocket.readHead(s.getInputStream());
                }
            }
            if (kind.equals("reset") || kind.equals("request-then-reset")) {
                s.setSoLinger(true, 0);
            }
        } finally {
            s.close();
        }
    }
}
